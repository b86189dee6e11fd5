export * from './types';
export * from './agencies.repo';
export * from './datasets.service';
export * from './schema-versions.repo';
export * from './releases.repo';
export * from './search-text';
export { lockDataset, setCurrentVersion } from './datasets.repo';
export * from './dataset-snapshot';
