import { AppError, ConflictError, UnavailableError, ValidationError } from '../errors';

/**
 * Seconds a client should wait after the database was unreachable: a PostgreSQL restart
 * or a fail-over takes a few seconds, and a sooner retry only adds to the stampede.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** A full disk needs an operator: ask clients to come back much later than after a restart. */
export const STORAGE_FULL_RETRY_AFTER_SECONDS = 300;

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

// Socket errors on the way to the server: it is down, restarting, or unreachable.
const NETWORK_ERRNOS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATEs that say "this connection, not this statement, failed": admin_shutdown,
// crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections.
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

// pg and knex report a lost or unobtainable connection without any code, only in words
// (knex puts the statement in front: "ROLLBACK - Connection terminated unexpectedly").
const CONNECTION_MESSAGES = [
  /\bConnection terminated\b/,
  /\bConnection ended unexpectedly\b/,
  /connection error and is not queryable/,
  /\bClient was closed and is not queryable/,
  /\btimeout exceeded when trying to connect/,
  /^Knex: Timeout acquiring a connection/,
];

/**
 * True when the error means the database could not be reached or the connection died
 * (restart, fail-over, pg_terminate_backend, a full pool), rather than that the statement
 * was wrong: the same request may succeed a few seconds later. Node reports a refused
 * connection to a host with several addresses as an AggregateError of them.
 */
export function isConnectionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return true;
  }
  if (err.name === 'KnexTimeoutError') return true;
  // Words only count on errors without a SQLSTATE: a statement's error may quote data.
  if (!isPgError(err) && CONNECTION_MESSAGES.some((re) => re.test(err.message))) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionFailure);
  return false;
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
 * violation reads the same whether it came from PGlite or a server. A lost or refused
 * connection becomes 'database_unavailable' (503 with Retry-After at the edges), never an
 * internal error: the request was fine and may be repeated.
 *
 * Only names cross over: the constraint, table and columns. PostgreSQL's own texts
 * (message, DETAIL such as "Failing row contains (…)" or "Key (…)=(…)") carry stored
 * values and internals, so they stay in the server log and never reach a client.
 */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (isConnectionFailure(err)) {
    return new UnavailableError(
      'database_unavailable',
      'The database is unavailable; retry shortly',
      DATABASE_RETRY_AFTER_SECONDS,
      { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    );
  }
  if (!isPgError(err)) return err;
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
    case '53100':
      // disk_full: the statement was fine and rolled back; the server lacks room.
      return new UnavailableError(
        'storage_full',
        'The database has no room left; nothing was stored and earlier data is intact. Retry later',
        STORAGE_FULL_RETRY_AFTER_SECONDS,
        { retryAfterSeconds: STORAGE_FULL_RETRY_AFTER_SECONDS },
      );
    case '57014':
      return new AppError('unavailable', 'query_timeout', 'The query took too long and was cancelled', where);
    default:
      return err;
  }
}
