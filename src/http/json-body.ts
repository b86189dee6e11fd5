import type { Response } from 'express';

/**
 * Sends `value` as JSON, like `res.json`, but encodes the text into a buffer sized for the
 * worst case (3 bytes per UTF-16 unit) in one pass. `res.json` goes through `Buffer.from`,
 * which first walks a large text once to measure its UTF-8 length and then again to write
 * it; for a page of Chinese text that first walk is a sizeable share of the request.
 */
export function sendJson(res: Response, value: unknown): void {
  const text = JSON.stringify(value);
  const buffer = Buffer.allocUnsafe(text.length * 3);
  const length = buffer.write(text, 'utf8');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(buffer.subarray(0, length));
}

const DATA_OPEN = Buffer.from('{"data":');

/** `value` as UTF-8 JSON bytes of exactly its length (kept, so no slack is held). */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Sends `{"data": <data>, ...rest}` where `data` is already JSON bytes: the same text as
 * `sendJson(res, { data, ...rest })`, without serialising or encoding the data again.
 */
export function sendJsonWithData(res: Response, data: Buffer, rest: Record<string, unknown>): void {
  sendJsonWithDataParts(res, data, [Buffer.from(dataTail(rest), 'utf8')]);
}

/** The text that follows `{"data":<data>` for the other members: `{"meta":…}` becomes `,"meta":…}`. */
export function dataTail(rest: Record<string, unknown>): string {
  return `,${JSON.stringify(rest).slice(1)}`;
}

/** Sends `{"data":<data>` followed by a tail made by `dataTail`, given in pieces. */
export function sendJsonWithDataParts(res: Response, data: Buffer, tail: readonly Buffer[]): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(Buffer.concat([DATA_OPEN, data, ...tail]));
}
