import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
import type { RawRecord } from './record-validator';

function parseError(err: CsvError): ValidationError {
  const e = err as CsvError & { lines?: number; column?: number | string; index?: number };
  return new ValidationError(
    'csv_parse_error',
    `The CSV cannot be read at line ${e.lines ?? '?'}: ${err.code}`,
    {
      line: e.lines ?? null,
      column: typeof e.index === 'number' ? e.index + 1 : null,
      reason: err.code,
    },
  );
}

/** RFC 4180 CSV (csv-parse, streaming) → records keyed by field name, with their line numbers. */
export async function* parseCsvRecords(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  const parser = parse({
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: 16 * 1024 * 1024,
  });
  // pipeline (unlike pipe) forwards a decoding error into the parser, so the loop below sees it.
  pipeline(Readable.from(text), parser).catch(() => undefined);
  let columns: Array<string | null> | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = mapHeader(schema, item.record);
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) {
        const name = columns[i];
        if (name) cells[name] = item.record[i]!;
      }
      yield { line: item.info.lines, cells };
    }
  } catch (err) {
    if (err instanceof CsvError) throw parseError(err);
    throw err;
  }
  if (!columns) throw new ValidationError('empty_upload', 'The upload is empty', { rowCount: 0 });
}
