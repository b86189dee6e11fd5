import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import type { Dialect } from './database';
import { quoteIdent, quoteQualified } from './identifiers';

/** Accepts whole CSV lines (text or UTF-8 bytes); the caller never learns which engine is underneath. */
export interface CopyInWriter {
  write(csvLines: string | Buffer): Promise<void>;
  end(): Promise<void>;
  /**
   * Cancels the COPY so the connection leaves COPY mode and the transaction can roll back.
   * Without it a failed upload would leave the server waiting for data forever.
   */
  abort(): Promise<void>;
}

interface PgliteLike {
  query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

interface CopyTarget {
  schema: string;
  table: string;
  columns: readonly string[];
}

function copySql(target: CopyTarget, source: string): string {
  const cols = target.columns.map(quoteIdent).join(', ');
  return `COPY ${quoteQualified(target.schema, target.table)} (${cols}) FROM ${source} WITH (FORMAT csv)`;
}

// PGlite has no COPY protocol stream; it reads a Blob mounted at /dev/blob. Flushing
// in bounded batches keeps memory flat while the transaction still spans every batch.
const PGLITE_BATCH_BYTES = 8 * 1024 * 1024;

function pgliteWriter(conn: PgliteLike, sql: string): CopyInWriter {
  let parts: Array<string | Buffer> = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (parts.length === 0) return;
    const blob = new Blob(parts);
    parts = [];
    size = 0;
    await conn.query(sql, [], { blob });
  };
  return {
    async write(lines) {
      parts.push(lines);
      size += typeof lines === 'string' ? lines.length * 3 : lines.length;
      if (size >= PGLITE_BATCH_BYTES) await flush();
    },
    end: flush,
    async abort() {
      parts = [];
      size = 0;
    },
  };
}

/**
 * Resolves when the stream drains, fails or closes, and then removes its listeners: a
 * long COPY waits thousands of times, and listeners left behind by each wait (as
 * Promise.race with `finished()` left them) pile up for the whole upload.
 */
function drainedOrDone(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

interface PgClientLike {
  query<T>(stream: T): T;
}

function pgWriter(conn: PgClientLike, sql: string): CopyInWriter {
  const stream = conn.query(copyFrom(sql));
  let failure: unknown;
  stream.on('error', (err: unknown) => {
    failure = err;
  });
  return {
    async write(lines) {
      if (failure) throw failure;
      if (!stream.write(lines)) await drainedOrDone(stream);
      if (failure) throw failure;
    },
    async end() {
      stream.end();
      await finished(stream);
    },
    async abort() {
      if (stream.destroyed || stream.writableFinished) return;
      // pg-copy-streams answers destroy() with a CopyFail message; the server then ends the COPY.
      stream.destroy(new Error('upload aborted'));
      await finished(stream).catch(() => undefined);
    },
  };
}

/** Opens COPY ... FROM on the transaction's own connection, so a rollback discards it all. */
export async function openCopyIn(
  dialect: Dialect,
  trx: Knex.Transaction,
  target: CopyTarget,
): Promise<CopyInWriter> {
  const conn: unknown = await trx.client.acquireConnection();
  if (dialect === 'pglite') return pgliteWriter(conn as PgliteLike, copySql(target, `'/dev/blob'`));
  return pgWriter(conn as PgClientLike, copySql(target, 'STDIN'));
}
