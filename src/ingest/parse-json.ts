import { Tokenizer, TokenParser } from '@streamparser/json';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
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
  const fresh = Object.keys(value).filter((k) => !keys.has(k));
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
  tokenizer.onToken = (t) => {
    tokenOffset = t.offset;
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
  for await (const chunk of text) {
    pos.next(chunk);
    last = chunk;
    const first = chunk.search(/\S/);
    if (!rootChecked && first !== -1) {
      rootChecked = true;
      if (chunk[first] !== '[') throw invalidJson('The JSON must be an array of objects', pos.at(first));
    }
    try {
      tokenizer.write(chunk);
    } catch (err) {
      fail(err as Error);
    }
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
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl !== -1) {
      const rec = parseLine(buffered.slice(0, nl), ++line);
      if (rec) yield rec;
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  const last = parseLine(buffered, ++line);
  if (last) yield last;
}
