import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { CsvReader, CsvSyntaxError, type CsvRecord } from './csv-reader';
import { mapHeader } from './header-map';
import type { RawRecord } from './record-validator';

const MAX_RECORD_CHARS = 16 * 1024 * 1024;

function parseError(err: CsvSyntaxError): ValidationError {
  return new ValidationError('csv_parse_error', `The CSV cannot be read at line ${err.line}: ${err.reason}`, {
    line: err.line,
    column: err.column,
    reason: err.reason,
  });
}

/** Column i of the file → index of its schema field, or -1 for an ignored (blank) column. */
function fieldIndexes(schema: TableSchema, header: readonly string[]): number[] {
  const names = schema.fields.map((f) => f.name);
  return mapHeader(schema, header).map((name) => (name === null ? -1 : names.indexOf(name)));
}

/** RFC 4180 CSV, streamed → records with cells in schema field order, with their line numbers. */
export async function* parseCsvRecords(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  const reader = new CsvReader(MAX_RECORD_CHARS);
  const width = schema.fields.length;
  let columns: number[] | undefined;
  const toRaw = (rec: CsvRecord): RawRecord => {
    // Holes read as undefined: a field without a column.
    const values = new Array<string | undefined>(width);
    for (let i = 0; i < columns!.length; i++) {
      const f = columns![i]!;
      if (f !== -1) values[f] = rec.fields[i];
    }
    return { line: rec.line, values };
  };
  try {
    for await (const chunk of text) {
      reader.feed(chunk);
      for (let rec = reader.next(); rec !== null; rec = reader.next()) {
        if (columns) yield toRaw(rec);
        else columns = fieldIndexes(schema, rec.fields);
      }
    }
    reader.end();
    for (let rec = reader.next(); rec !== null; rec = reader.next()) {
      if (columns) yield toRaw(rec);
      else columns = fieldIndexes(schema, rec.fields);
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw parseError(err);
    throw err;
  }
  if (!columns) throw new ValidationError('empty_upload', 'The upload is empty', { rowCount: 0 });
}
