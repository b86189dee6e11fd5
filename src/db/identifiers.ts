import { ValidationError } from '../errors';

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Identifiers that come from dataset schemas are checked against an allow-list
 * pattern and then quoted; they are never pasted into SQL unchecked.
 */
export function quoteIdent(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) {
    throw new ValidationError(
      'invalid_identifier',
      `Not an allowed SQL identifier: ${JSON.stringify(name)}`,
      {
        field: name,
      },
    );
  }
  return `"${name}"`;
}

export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
