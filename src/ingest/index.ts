export * from './validation-report';
export * from './record-validator';
export * from './publish-release';
export * from './schema-registration';
export * from './upload';
export { normalizeCharset } from './decode';
