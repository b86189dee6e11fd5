import type { GraphQLSchema } from 'graphql';

// Each generated schema gets its own id, so nothing cached for one schema outlives it.
const schemaIds = new WeakMap<GraphQLSchema, string>();
let nextSchemaId = 0;

/** A short id that names one schema object for as long as it lives. */
export function schemaId(schema: GraphQLSchema): string {
  let id = schemaIds.get(schema);
  if (!id) schemaIds.set(schema, (id = String(++nextSchemaId)));
  return id;
}
