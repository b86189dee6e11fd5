import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError, type InfoRecord } from 'csv-parse';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
import { MAX_RECORD_SIZE, MAX_UPLOAD_COLUMNS } from './limits';
import type { RawRecord } from './record-validator';

/**
 * csv-parse knows only where it stopped; the record at fault started on the line after the
 * last good record (plus any empty lines it skipped), which is where a user should look —
 * for an unclosed quote, the line where the quote opened rather than the end of the file.
 */
function parseError(err: CsvError, lastLine: number): ValidationError {
  const e = err as CsvError & { lines?: number; index?: number };
  const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : (e.lines ?? lastLine + 1);
  return new ValidationError('csv_parse_error', `The CSV cannot be read at line ${line}: ${err.code}`, {
    line,
    column: typeof e.index === 'number' ? e.index + 1 : null,
    reason: err.code,
  });
}

/** Column i of the file → index of its schema field, or -1 for an ignored (blank) column. */
function fieldIndexes(schema: TableSchema, header: readonly string[]): number[] {
  const names = schema.fields.map((f) => f.name);
  return mapHeader(schema, header).map((name) => (name === null ? -1 : names.indexOf(name)));
}

/**
 * RFC 4180 CSV (csv-parse, streaming) → records with cells in schema field order, each with
 * the line on which it starts.
 */
export async function* parseCsvRecords(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  let lastLine = 0;
  let lastEmpty = 0;
  const parser = parse({
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: MAX_RECORD_SIZE,
    // Runs as each record is parsed, before any later error, so `lastLine` is exact even
    // when the stream fails with records still buffered.
    on_record: (record: string[], ctx: InfoRecord) => {
      const line = lastLine + 1 + (ctx.empty_lines - lastEmpty);
      lastLine = ctx.lines;
      lastEmpty = ctx.empty_lines;
      return Object.assign(record, { line });
    },
  });
  // pipeline (unlike pipe) forwards a decoding error into the parser, so the loop below sees it.
  pipeline(Readable.from(text), parser).catch(() => undefined);
  const width = schema.fields.length;
  let columns: number[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[] & { line: number }>) {
      if (!columns) {
        // Mapping compares each column with every field; the width of later records is
        // held to the header's by csv-parse.
        if (record.length > MAX_UPLOAD_COLUMNS) {
          throw new ValidationError(
            'too_many_columns',
            `The header has more than ${MAX_UPLOAD_COLUMNS} columns`,
            {
              line: record.line,
              columns: record.length,
              maxColumns: MAX_UPLOAD_COLUMNS,
            },
          );
        }
        columns = fieldIndexes(schema, record);
        continue;
      }
      // Holes read as undefined: a field without a column.
      const values = new Array<string | undefined>(width);
      for (let i = 0; i < columns.length; i++) {
        const f = columns[i]!;
        if (f !== -1) values[f] = record[i];
      }
      yield { line: record.line, values };
    }
  } catch (err) {
    if (err instanceof CsvError) throw parseError(err, lastLine);
    throw err;
  }
  if (!columns) throw new ValidationError('empty_upload', 'The upload is empty', { rowCount: 0 });
}
