import { AppError, ConflictError, ValidationError } from '../errors';

interface PgErrorLike {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

function isPgError(err: unknown): err is Error & PgErrorLike {
  return (
    err instanceof Error &&
    typeof (err as PgErrorLike).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as PgErrorLike).code!)
  );
}

/**
 * The column names of a key violation ("Key (dataset_id, period)=(…) already exists"),
 * without the values: only names leave the server.
 */
function keyColumns(detail: string | undefined): string[] | null {
  const m = detail === undefined ? null : /^Key \(([^)]*)\)=/.exec(detail);
  return m ? m[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : null;
}

/**
 * The one place where PostgreSQL SQLSTATEs become domain errors, so a unique
 * violation reads the same whether it came from PGlite or a server.
 *
 * Only names cross over: the constraint, table and columns. PostgreSQL's own texts
 * (message, DETAIL such as "Failing row contains (…)" or "Key (…)=(…)") carry stored
 * values and internals, so they stay in the server log and never reach a client.
 */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError || !isPgError(err)) return err;
  const where = {
    constraint: err.constraint ?? null,
    table: err.table ?? null,
    column: err.column ?? null,
  };
  const named = (what: string) => (err.constraint ? `${what} (${err.constraint})` : what);
  switch (err.code) {
    case '23505':
      return new ConflictError('conflict', named('A record with the same key already exists'), {
        ...where,
        columns: keyColumns(err.detail),
      });
    case '23503':
      return new ConflictError(
        'reference_violation',
        named('The record refers to, or is referred by, another record'),
        { ...where, columns: keyColumns(err.detail) },
      );
    case '23502':
      return new ValidationError(
        'not_null_violation',
        `Missing value for ${err.column ?? 'a required column'}`,
        where,
      );
    case '23514':
      return new ValidationError('check_violation', named('A value is outside the allowed set'), where);
    case '22001':
      return new ValidationError('value_too_long', 'A value is too long for its column', where);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new ValidationError('invalid_value', 'A value does not fit its column type', where);
    case '22021':
    case '22P05':
      // A NUL character or text the database encoding cannot hold.
      return new ValidationError(
        'invalid_text',
        'A text value contains a character that cannot be stored',
        where,
      );
    case '40001':
    case '40P01':
      return new ConflictError('concurrent_update', 'Another write touched the same data; retry', where);
    case '57014':
      return new AppError('unavailable', 'query_timeout', 'The query took too long and was cancelled', where);
    default:
      return err;
  }
}
