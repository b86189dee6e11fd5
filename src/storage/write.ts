import type { Knex } from 'knex';
import { openCopyIn, type Dialect } from '../db';
import type { TableSchema } from '../schemas';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

/**
 * Bytes of COPY data gathered before they are handed to the connection. Measured: larger
 * batch buffers (256 KiB, 1 MiB) each made V8 promote about 14 MB more per million rows,
 * as every large external allocation triggered a GC while a batch's rows were in flight.
 */
const BATCH_BYTES = 64 * 1024;

export interface RowWriter {
  /**
   * Adds one row, already encoded as a CSV line of every schema field in schema order,
   * without a newline; the writer appends the release id and a running row number.
   */
  add(encodedRow: string): void;
  /** True once enough rows are gathered that the caller should `await flush()`. */
  readonly full: boolean;
  flush(): Promise<void>;
  /** Flushes what is left, ends the COPY and returns the number of rows written. */
  end(): Promise<number>;
  abort(): Promise<void>;
}

/** Writes the decimal digits of a non-negative integer at `at`; returns the end. */
function writeDigits(buf: Buffer, at: number, n: number): number {
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  for (let i = at + digits - 1; i >= at; i--, n = Math.floor(n / 10)) buf[i] = 0x30 + (n % 10);
  return at + digits;
}

/**
 * Bulk path: validated rows go to PostgreSQL through COPY on the upload's transaction.
 *
 * Rows are UTF-8 encoded straight into a byte buffer. Joining a batch into one string and
 * letting the stream convert it (as before) kept a large, freshly flattened string alive
 * while the conversion's external allocation triggered a minor GC, so every batch was
 * promoted to the old generation: about 25 MB of garbage per million rows there, which
 * V8 collects late, so it showed up in the upload's peak memory.
 */
export async function openRowWriter(
  dialect: Dialect,
  trx: Knex.Transaction,
  table: string,
  schema: TableSchema,
  releaseId: number,
): Promise<RowWriter> {
  const copy = await openCopyIn(dialect, trx, {
    schema: STORAGE_SCHEMA,
    table,
    columns: [...schema.fields.map((f) => f.name), SYSTEM_COLUMNS.release, SYSTEM_COLUMNS.row],
  });
  const releaseSuffix = Buffer.from(`,${releaseId},`);
  let count = 0;
  let buf = Buffer.allocUnsafe(BATCH_BYTES);
  let pos = 0;
  /** Filled buffers waiting for flush() (a row too big for the space left starts a new one). */
  let pending: Buffer[] = [];
  const flush = async () => {
    if (pos > 0) pending.push(buf.subarray(0, pos));
    // The connection may hold the bytes until they are sent: the next batch gets a new buffer.
    buf = Buffer.allocUnsafe(BATCH_BYTES);
    pos = 0;
    const batches = pending;
    pending = [];
    for (const b of batches) await copy.write(b);
  };
  return {
    add(encodedRow) {
      // At most 3 UTF-8 bytes per UTF-16 unit, plus the suffix (two integers, two commas, \n).
      const need = 3 * encodedRow.length + releaseSuffix.length + 24;
      if (pos + need > buf.length) {
        if (pos > 0) pending.push(buf.subarray(0, pos));
        buf = Buffer.allocUnsafe(Math.max(BATCH_BYTES, need));
        pos = 0;
      }
      pos += buf.write(encodedRow, pos);
      pos += releaseSuffix.copy(buf, pos);
      pos = writeDigits(buf, pos, ++count);
      buf[pos++] = 0x0a;
    },
    get full() {
      return pending.length > 0 || pos > (BATCH_BYTES * 3) / 4;
    },
    flush,
    async end() {
      await flush();
      await copy.end();
      return count;
    },
    abort: () => copy.abort(),
  };
}
