import type { Knex } from 'knex';
import { openCopyIn, type Dialect } from '../db';
import type { TableSchema } from '../schemas';
import { encodeCsvLines, type CellValue } from './csv-line';
import { STORAGE_SCHEMA, SYSTEM_COLUMNS } from './table-name';

export interface RowWriter {
  /** Rows as values in schema field order; row numbers continue across calls. */
  write(rows: CellValue[][]): Promise<void>;
  end(): Promise<number>;
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
    columns: [SYSTEM_COLUMNS.release, SYSTEM_COLUMNS.row, ...schema.fields.map((f) => f.name)],
  });
  let count = 0;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const framed = rows.map((r) => [releaseId, ++count, ...r]);
      await copy.write(encodeCsvLines(framed));
    },
    async end() {
      await copy.end();
      return count;
    },
  };
}
