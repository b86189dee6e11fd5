export * from './options';
export * from './export.service';
export * from './release-file';
export * from './release-bytes';
