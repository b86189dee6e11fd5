import type { Knex } from 'knex';
import pg from 'pg';
import type { Statement } from './params';

/** Rows as arrays in select-list order: no per-row objects the caller would rebuild anyway. */
export type ReadRows = unknown[][];

/**
 * The hot read path: one parameterised SELECT, outside any transaction. It skips knex's
 * query builder and runner, which cost as much CPU per request as the rest of a page query.
 */
export type Reader = (statement: Statement) => Promise<ReadRows>;

/**
 * How many distinct statement texts get a server-side name. A named (prepared) statement
 * is parsed and analysed once per connection. It is still planned for its values on every
 * run: the read pool sets `plan_cache_mode = force_custom_plan` (READ_SESSION_OPTIONS in
 * database.ts), because a plan made without the values ignores how selective a filter is.
 * Shapes past the cap run unnamed, so a stream of one-off queries cannot fill every
 * connection's memory with statements.
 */
const MAX_PREPARED = 200;

/**
 * Server PostgreSQL: a pg pool of its own, so a read costs one pool checkout and one
 * protocol round trip. It has the same type parsers and statement_timeout as knex's pool.
 */
export function poolReader(pool: pg.Pool): Reader {
  // Names are never reused for another text (pg refuses that on a connection that knows the name).
  const names = new Map<string, string>();
  const nameFor = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) names.set(text, (name = `read_${names.size + 1}`));
    return name;
  };
  return async ({ text, values }) => {
    const res = await pool.query<unknown[]>({ text, values, rowMode: 'array', name: nameFor(text) });
    return res.rows;
  };
}

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(conn: unknown): Promise<void>;
}

interface PgliteConnection {
  query(text: string, values: unknown[], options: { rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
}

interface PgClientConnection {
  query(q: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
}

/**
 * Any knex handle (embedded PGlite, or a bare knex from migrations and seeds): the
 * statement runs on a connection checked out of knex's own pool, so PGlite's single
 * connection stays serialised with knex's transactions.
 */
export function knexReader(knex: Knex, dialect: 'pg' | 'pglite'): Reader {
  const client = knex.client as KnexClient;
  return async ({ text, values }) => {
    const conn = await client.acquireConnection();
    try {
      if (dialect === 'pglite') {
        return (await (conn as PgliteConnection).query(text, values, { rowMode: 'array' })).rows;
      }
      return (await (conn as PgClientConnection).query({ text, values, rowMode: 'array' })).rows;
    } finally {
      await client.releaseConnection(conn);
    }
  };
}

/** Where routedReader sends a read, and what to do when a replica fails it. */
export interface ReadTarget {
  pick(): { pool: pg.Pool; replica: string } | undefined;
  /** The replica could not serve (down, or a recovery conflict cancelled the read). */
  failed(replica: string, err: unknown): boolean;
}

/**
 * Reads on a replica when `target` offers one, else on the primary's read pool. A read the
 * replica could not serve is retried once on the primary: a replica going away costs a
 * request some milliseconds, not an error.
 */
export function routedReader(primary: pg.Pool, target: ReadTarget): Reader {
  const onPrimary = poolReader(primary);
  const byPool = new WeakMap<pg.Pool, Reader>();
  return async (statement) => {
    const chosen = target.pick();
    if (!chosen) return onPrimary(statement);
    let read = byPool.get(chosen.pool);
    if (!read) byPool.set(chosen.pool, (read = poolReader(chosen.pool)));
    try {
      return await read(statement);
    } catch (err) {
      if (!target.failed(chosen.replica, err)) throw err;
      return onPrimary(statement);
    }
  };
}
