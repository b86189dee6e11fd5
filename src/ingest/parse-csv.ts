import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError, type InfoRecord } from 'csv-parse';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
import { MAX_RECORD_SIZE, MAX_UPLOAD_COLUMNS } from './limits';
import type { RawRecord } from './record-validator';

/** What stops the reading, in words an agency can act on; csv-parse's own words otherwise. */
const WHY: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED:
    'a field opens a double quote (") on this line that is never closed; close it, or double a quote meant as text ("")',
  INVALID_OPENING_QUOTE:
    'a double quote (") stands inside a field that does not start with one; quote the whole field and double the quote ("")',
  CSV_MAX_RECORD_SIZE:
    'this record is longer than 16 Mi characters, which is more than any real row; is a quote left open?',
};

/**
 * csv-parse knows only where it stopped; the record at fault started on the line after the
 * last good record (plus any empty lines it skipped), which is where a user should look —
 * for an unclosed quote, the line where the quote opened rather than the end of the file.
 */
function parseError(err: CsvError, lastLine: number): ValidationError {
  const e = err as CsvError & { lines?: number; index?: number };
  const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : (e.lines ?? lastLine + 1);
  const why = WHY[err.code] ?? err.message;
  return new ValidationError('csv_parse_error', `The CSV cannot be read past line ${line}: ${why}`, {
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
    // A row of the wrong width is one row error among others (see RecordValidator), not
    // the end of the upload.
    relax_column_count: true,
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
  let header: readonly string[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[] & { line: number }>) {
      if (!columns) {
        // Mapping compares each column with every field; later records are held to the
        // header's width below.
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
        header = [...record];
        continue;
      }
      if (record.length !== columns.length) {
        const missing = columns[record.length];
        const column =
          missing === undefined
            ? `#${columns.length + 1}`
            : missing === -1
              ? header[record.length]!
              : schema.fields[missing]!.name;
        yield { line: record.line, width: { expected: columns.length, found: record.length, column } };
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
