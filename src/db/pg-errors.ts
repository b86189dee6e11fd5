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
 * The one place where PostgreSQL SQLSTATEs become domain errors, so a unique
 * violation reads the same whether it came from PGlite or a server.
 */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError || !isPgError(err)) return err;
  const where = { constraint: err.constraint, column: err.column, table: err.table, detail: err.detail };
  switch (err.code) {
    case '23505':
      return new ConflictError('conflict', 'A record with the same key already exists', where);
    case '23503':
      return new ConflictError(
        'reference_violation',
        'The record refers to, or is referred by, another record',
        where,
      );
    case '23502':
      return new ValidationError(
        'not_null_violation',
        `Missing value for ${err.column ?? 'a required column'}`,
        where,
      );
    case '23514':
      return new ValidationError('check_violation', 'A value is outside the allowed set', where);
    case '22001':
      return new ValidationError('value_too_long', 'A value is too long', where);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new ValidationError('invalid_value', 'A value does not fit its column type', where);
    case '40001':
    case '40P01':
      return new ConflictError('concurrent_update', 'Another write touched the same data; retry', where);
    case '57014':
      return new AppError('unavailable', 'query_timeout', 'The query took too long and was cancelled', where);
    default:
      return err;
  }
}
