export * from './errors';
export * from './ids';
export * from './events';
export * from './auth';
export * from './apps';
