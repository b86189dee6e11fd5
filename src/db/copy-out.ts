import { finished, Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import type { Database } from './database';
import { ValidationError } from '../errors';
import { isConnectionFailure } from './pg-errors';

/** Delimiters for COPY ... TO: CSV, TSV, or one raw text value per line (JSON). */
export type CopyOutFormat = 'csv' | 'tsv' | 'lines';

const OPTIONS: Record<CopyOutFormat, string> = {
  csv: '(FORMAT csv)',
  tsv: `(FORMAT csv, DELIMITER E'\\t')`,
  // Control characters never occur unescaped in JSON text, so nothing gets quoted.
  lines: `(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
};

interface PgConnection {
  query<T>(q: T): T;
  end(): Promise<void> | void;
  __knex__disposed?: unknown;
}

/** The same on a replica's pg pool: a client abandoned mid-COPY is destroyed, not reused. */
async function copyOutOn(pool: pg.Pool, sql: string): Promise<Readable> {
  const client = await pool.connect();
  const stream = client.query(copyTo(sql));
  finished(stream, (err) => client.release(err || !stream.readableEnded ? true : undefined));
  return stream;
}

interface PgliteConnection {
  query(sql: string): Promise<{ blob?: Blob }>;
}

/**
 * Streams `COPY (select) TO STDOUT` straight from PostgreSQL with backpressure. The
 * connection is only returned to the pool after a clean end; if the consumer goes away
 * mid-stream the connection is still in COPY mode, so it is marked disposed and closed
 * instead, and the pool never hands it out again.
 */
export async function openCopyOut(db: Database, selectSql: string, format: CopyOutFormat): Promise<Readable> {
  // COPY takes no parameters, so its values are inlined, and a NUL would cut the statement.
  if (selectSql.includes('\u0000')) {
    throw new ValidationError('invalid_text', 'A text value contains a character that cannot be stored');
  }
  const sql = `COPY (${selectSql}) TO ${db.dialect === 'pg' ? 'STDOUT' : `'/dev/blob'`} WITH ${OPTIONS[format]}`;
  const replica = db.copyReplica?.();
  if (replica) {
    try {
      return await copyOutOn(replica, sql);
    } catch (err) {
      // The replica went away since the last sample: the primary serves this export.
      if (!isConnectionFailure(err)) throw err;
    }
  }
  const client = db.knex.client as {
    acquireConnection(): Promise<unknown>;
    releaseConnection(c: unknown): Promise<void>;
  };
  const conn = await client.acquireConnection();
  if (db.dialect === 'pglite') {
    // PGlite has no COPY protocol: the whole result arrives as one Blob, then streams out.
    try {
      const res = await (conn as PgliteConnection).query(sql);
      const blob = res.blob ?? new Blob([]);
      return Readable.fromWeb(blob.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
    } finally {
      await client.releaseConnection(conn);
    }
  }
  const pgConn = conn as PgConnection;
  const stream = pgConn.query(copyTo(sql));
  finished(stream, (err) => {
    if (err || !stream.readableEnded) {
      pgConn.__knex__disposed = 'COPY stream abandoned';
      void Promise.resolve(pgConn.end()).catch(() => undefined);
    }
    void client.releaseConnection(conn);
  });
  return stream;
}
