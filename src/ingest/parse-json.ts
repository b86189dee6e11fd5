import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
import { findDepthBreach } from './json-depth';
import { MAX_RECORD_DEPTH, MAX_RECORD_SIZE, MAX_UPLOAD_COLUMNS } from './limits';
import type { RawRecord } from './record-validator';
import { TextPosition, type TextPlace } from './text-position';

function cellText(value: unknown, where: Record<string, unknown>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    // "\u0000" is valid JSON but no PostgreSQL text can hold it (CSV bytes never get here:
    // the decoder refuses NUL bytes).
    if (value.includes('\u0000')) {
      throw new ValidationError('invalid_json_record', 'Values may not contain the NUL character', where);
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ValidationError(
    'invalid_json_record',
    'Values must be strings, numbers, booleans or null',
    where,
  );
}

function toRecord(
  schema: TableSchema,
  value: unknown,
  row: number,
  keys: Map<string, string | null>,
): RawRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('invalid_json_record', `Record ${row} is not an object`, { row });
  }
  const cells: Record<string, string> = {};
  const names = Object.keys(value);
  if (names.length > MAX_UPLOAD_COLUMNS) {
    throw new ValidationError('too_many_columns', `Record ${row} has more than ${MAX_UPLOAD_COLUMNS} keys`, {
      row,
      columns: names.length,
      maxColumns: MAX_UPLOAD_COLUMNS,
    });
  }
  const fresh = names.filter((k) => !keys.has(k));
  if (fresh.length > 0) {
    // New keys are mapped (and rejected if unknown) the first time they appear.
    const mapped = mapHeader(
      { ...schema, fields: schema.fields.map((f) => ({ ...f, constraints: undefined })) },
      fresh,
    );
    fresh.forEach((k, i) => keys.set(k, mapped[i] ?? null));
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const name = keys.get(k);
    if (name) cells[name] = cellText(v, { row, column: k });
  }
  return { line: row, cells };
}

const invalidJson = (message: string, place: TextPlace) =>
  new ValidationError('invalid_json', message, place);

const tooDeep = (where: object) =>
  new ValidationError('json_too_deep', `Records are flat: JSON nested deeper than a record's values`, {
    ...where,
    maxDepth: MAX_RECORD_DEPTH,
  });

const tooLarge = (where: object) =>
  new ValidationError('record_too_large', `A record is larger than ${MAX_RECORD_SIZE} bytes`, {
    ...where,
    maxSize: MAX_RECORD_SIZE,
  });

/** Stops the tokenizer from inside its callback; the cause is kept beside it. */
class Stop extends Error {}

/**
 * A JSON array of objects, parsed incrementally; `row` in reports is the 1-based array
 * index. Syntax errors name the byte offset in the file, line and column.
 */
export async function* parseJsonArray(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  const queue: unknown[] = [];
  // Structural errors (TokenParser) carry no position: the token being placed is the culprit.
  let tokenOffset = 0;
  let failure: { message: string; utf8Offset: number } | undefined;
  // The array is depth 1 and each record 2. Checked per token, before the parser builds
  // the level: it keeps every open level in memory.
  let depth = 0;
  let tooDeepAt: number | undefined;
  // Where the record being read began (or, between records, the last token): the parser
  // holds everything since, so that distance is what one record costs in memory.
  let recordStart = 0;
  tokenizer.onToken = (t) => {
    tokenOffset = t.offset;
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
      if (++depth > MAX_RECORD_DEPTH + 1) {
        tooDeepAt = t.offset;
        throw new Stop();
      }
      if (depth === 2) recordStart = t.offset;
    } else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) depth--;
    if (depth <= 1) recordStart = t.offset;
    parser.write(t);
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  parser.onValue = ({ value }) => {
    queue.push(value);
  };
  const fail = (err: Error) => {
    // The tokenizer names the byte it choked on; keep the first error, it is the cause.
    const at = /absolute position "?(\d+)/.exec(err.message);
    failure ??= { message: err.message, utf8Offset: at ? Number(at[1]) : tokenOffset };
  };
  // As JSONParser wires them: a structural error also stops the tokenizer.
  parser.onError = (err) => tokenizer.error(err);
  tokenizer.onError = fail;
  const pos = new TextPosition(text);
  const keys = new Map<string, string | null>();
  let row = 0;
  let rootChecked = false;
  let last = '';
  let written = 0;
  for await (const chunk of text) {
    pos.next(chunk);
    last = chunk;
    written += Buffer.byteLength(chunk);
    const first = chunk.search(/\S/);
    if (!rootChecked && first !== -1) {
      rootChecked = true;
      if (chunk[first] !== '[') throw invalidJson('The JSON must be an array of objects', pos.at(first));
    }
    try {
      tokenizer.write(chunk);
    } catch (err) {
      if (!(err instanceof Stop)) fail(err as Error);
    }
    if (tooDeepAt !== undefined) throw tooDeep({ row: row + queue.length + 1, ...pos.atUtf8(tooDeepAt) });
    // The record began chunks ago, where no place can be named any more: its row must do.
    if (written - recordStart > MAX_RECORD_SIZE) throw tooLarge({ row: row + queue.length + 1 });
    if (failure)
      throw invalidJson(`The JSON cannot be read: ${failure.message}`, pos.atUtf8(failure.utf8Offset));
    while (queue.length > 0) yield toRecord(schema, queue.shift(), ++row, keys);
  }
  if (!tokenizer.isEnded || !parser.isEnded) {
    throw invalidJson('The JSON ended early or is not an array of objects', pos.at(last.length));
  }
  if (row === 0) throw new ValidationError('empty_upload', 'The upload has no records', { rowCount: 0 });
}

/** Newline-delimited JSON: one object per line; blank lines are skipped. */
export async function* parseNdjson(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  const keys = new Map<string, string | null>();
  let buffered = '';
  let line = 0;
  const parseLine = (s: string, n: number): RawRecord | undefined => {
    if (s.trim() === '') return undefined;
    if (s.length > MAX_RECORD_SIZE) throw tooLarge({ line: n });
    const deep = findDepthBreach(s, MAX_RECORD_DEPTH);
    if (deep) throw tooDeep({ line: n, column: deep.index + 1 });
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (err) {
      throw new ValidationError('invalid_json', `Line ${n} is not valid JSON`, {
        line: n,
        reason: (err as Error).message,
      });
    }
    return toRecord(schema, value, n, keys);
  };
  for await (const chunk of text) {
    // Only the new text can hold the line's end: a long line is not searched again per chunk.
    let nl = chunk.indexOf('\n');
    if (nl !== -1) nl += buffered.length;
    buffered += chunk;
    while (nl !== -1) {
      const rec = parseLine(buffered.slice(0, nl), ++line);
      if (rec) yield rec;
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
    if (buffered.length > MAX_RECORD_SIZE) throw tooLarge({ line: line + 1 });
  }
  const last = parseLine(buffered, ++line);
  if (last) yield last;
}
