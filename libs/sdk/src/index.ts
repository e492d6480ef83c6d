export * from './http';
export * from './seller';
