export * from './validation-report';
export * from './record-validator';
export * from './publish-release';
export * from './schema-registration';
export * from './upload';
export { normalizeCharset } from './decode';
export { assertJsonDepth, findDepthBreach, jsonDepthVerifier } from './json-depth';
export { MAX_JSON_BODY_DEPTH, MAX_RECORD_SIZE, MAX_UPLOAD_COLUMNS } from './limits';
export * from './publish.service';
