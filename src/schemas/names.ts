import { ValidationError } from '../errors';

/**
 * Field names become PostgreSQL column names, REST query parameters and CSV headers,
 * so they are restricted to an identifier alphabet that never needs quoting and fits
 * NAMEDATALEN (63 bytes). A leading '_' is impossible here, which keeps '_'-prefixed
 * names free for system columns.
 */
export const FIELD_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;

/** GraphQL names must be stable across versions, so they are opt-in and camelCase. */
export const GRAPHQL_NAME_RE = /^[a-z][A-Za-z0-9]*$/;

export function isFieldName(name: unknown): name is string {
  return typeof name === 'string' && FIELD_NAME_RE.test(name);
}

/** Allow-list gate for anything that is about to be spliced into SQL as an identifier. */
export function assertFieldName(name: string): string {
  if (!isFieldName(name)) {
    throw new ValidationError(
      'invalid_field_name',
      'Field names must match /^[a-z][a-z0-9_]{0,62}$/ (lower-case letter first; names starting with "_" are reserved)',
      { field: typeof name === 'string' ? name : String(name) },
    );
  }
  return name;
}

/** JSON path segment for an object key: dot form for identifiers, bracket form otherwise. */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Path to a field addressed by name, stable across versions that reorder fields. */
export function fieldNamePath(name: string): string {
  return `$.fields[?(@.name==${JSON.stringify(name)})]`;
}
