export * from './database';
export * from './transaction';
export * from './pg-errors';
export * from './identifiers';
export * from './copy-in';
export * from './migrate';
export * from './copy-out';
