export * from './lru';
export * from './dataset-changes';
