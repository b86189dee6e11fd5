import type { components } from './openapi.gen';

/**
 * The response shapes of openapi.yaml, as TypeScript. openapi.gen.ts is generated from the
 * contract (`npm run gen:openapi-types`; a test fails when it is stale), so a presenter
 * typed with these cannot add, drop or retype a documented field without tsc noticing.
 */
export type ApiSchemas = components['schemas'];
