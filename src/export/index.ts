export * from './options';
export * from './export.service';
