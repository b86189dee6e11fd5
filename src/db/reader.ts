import type { Knex } from 'knex';
import pg from 'pg';
import type { Statement } from './params';
import { ClientClosedError } from '../errors';
import type { ReadCancel } from './read-cancel';
import { StatementCanceller } from './statement-canceller';

/** Rows as arrays in select-list order: no per-row objects the caller would rebuild anyway. */
export type ReadRows = unknown[][];

/**
 * The hot read path: one parameterised SELECT, outside any transaction. It skips knex's
 * query builder and runner, which cost as much CPU per request as the rest of a page query.
 */
export type Reader = (statement: Statement, cancel?: ReadCancel) => Promise<ReadRows>;

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
  const canceller = new StatementCanceller(pool);
  return async ({ text, values }, cancel) => {
    const query = { text, values, rowMode: 'array' as const, name: nameFor(text) };
    if (!cancel) return (await pool.query<unknown[]>(query)).rows;
    if (cancel.aborted) throw new ClientClosedError();
    const client = await pool.connect();
    if (cancel.aborted) {
      client.release();
      throw new ClientClosedError();
    }
    // A checked-out client reports a lost connection as an 'error' event as well as by
    // failing its query; the pool only listens while it is idle (pool.query does the same).
    const lost = () => undefined;
    client.on('error', lost);
    let cancelled = false;
    let failed: unknown;
    const stopListening = cancel.listen(() => {
      const pid = (client as { processID?: number | null }).processID;
      if (typeof pid === 'number') cancelled = canceller.cancel(pid, text);
    });
    try {
      return (await client.query<unknown[]>(query)).rows;
    } catch (err) {
      failed = err;
      throw cancelled ? new ClientClosedError() : err;
    } finally {
      stopListening();
      client.off('error', lost);
      // As pool.query does, a connection whose statement failed is closed, not reused; so is
      // one that was sent a cancel, which could still hit the next statement run on it.
      client.release(cancelled || failed !== undefined);
    }
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
  // PGlite runs one statement at a time in this process and cannot stop one midway, so an
  // abandoned request only skips the statements it has not started.
  return async ({ text, values }, cancel) => {
    if (cancel?.aborted) throw new ClientClosedError();
    const conn = await client.acquireConnection();
    try {
      if (cancel?.aborted) throw new ClientClosedError();
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
  return async (statement, cancel) => {
    const chosen = target.pick();
    if (!chosen) return onPrimary(statement, cancel);
    let read = byPool.get(chosen.pool);
    if (!read) byPool.set(chosen.pool, (read = poolReader(chosen.pool)));
    try {
      return await read(statement, cancel);
    } catch (err) {
      if (!target.failed(chosen.replica, err)) throw err;
      return onPrimary(statement, cancel);
    }
  };
}
