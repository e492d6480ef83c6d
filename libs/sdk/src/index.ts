export * from './http';
export * from './seller';
export * from './client';
