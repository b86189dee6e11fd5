import type { Knex } from 'knex';
import { openCopyIn, type Dialect } from '../db';
import type { TableSchema } from '../schemas';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

export interface RowWriter {
  /**
   * Rows already encoded as CSV lines of every schema field, in schema order, without
   * a newline; the writer appends the release id and a running row number.
   */
  write(encodedRows: readonly string[]): Promise<void>;
  end(): Promise<number>;
  abort(): Promise<void>;
}

/** Bulk path: validated rows go to PostgreSQL through COPY on the upload's transaction. */
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
  let count = 0;
  const suffix = `,${releaseId},`;
  return {
    async write(encodedRows) {
      if (encodedRows.length === 0) return;
      let text = '';
      for (const line of encodedRows) text += line + suffix + ++count + '\n';
      await copy.write(text);
    },
    async end() {
      await copy.end();
      return count;
    },
    abort: () => copy.abort(),
  };
}
