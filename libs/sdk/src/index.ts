export * from './http';
export * from './seller';
export * from './client';
export * from './reseller';
export * from './webhooks';
