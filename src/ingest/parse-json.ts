import { JSONParser } from '@streamparser/json';
import { ValidationError } from '../errors';
import type { TableSchema } from '../schemas';
import { mapHeader } from './header-map';
import type { RawRecord } from './record-validator';

function cellText(value: unknown, where: Record<string, unknown>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
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

/** A JSON array of objects, parsed incrementally; `row` in reports is the 1-based array index. */
export async function* parseJsonArray(
  text: AsyncIterable<string>,
  schema: TableSchema,
): AsyncGenerator<RawRecord> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  const queue: unknown[] = [];
  let failure: Error | undefined;
  parser.onValue = ({ value }) => {
    queue.push(value);
  };
  parser.onError = (err) => {
    // The tokenizer's message carries the byte position; prefer it to a later, vaguer one.
    if (!failure || !/absolute position/.test(failure.message)) failure = err;
  };
  const keys = new Map<string, string | null>();
  let row = 0;
  let chars = 0;
  let rootChecked = false;
  for await (const chunk of text) {
    if (!rootChecked && chunk.trim() !== '') {
      rootChecked = true;
      if (!chunk.trimStart().startsWith('[')) {
        throw new ValidationError('invalid_json', 'The JSON must be an array of objects', { near: chars });
      }
    }
    try {
      parser.write(chunk);
    } catch (err) {
      if (!failure || !/absolute position/.test(failure.message)) failure = err as Error;
    }
    if (failure) {
      const at = /absolute position "?(\d+)/.exec(failure.message);
      throw new ValidationError('invalid_json', `The JSON cannot be read: ${failure.message}`, {
        near: at ? Number(at[1]) : chars,
      });
    }
    chars += chunk.length;
    while (queue.length > 0) yield toRecord(schema, queue.shift(), ++row, keys);
  }
  if (!parser.isEnded) {
    throw new ValidationError('invalid_json', 'The JSON ended early or is not an array of objects', {
      near: chars,
    });
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
