import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';

/**
 * Cursors are opaque to clients but self-describing to us: the last row's sort values
 * plus a fingerprint of the query they belong to, so a cursor cannot be replayed
 * against a different sort, filter or data version and silently skip rows.
 */
interface CursorBody {
  f: string;
  v: Array<string | null>;
}

export function queryFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(fingerprint: string, values: Array<string | null>): string {
  const body: CursorBody = { f: fingerprint, v: values };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, fingerprint: string, arity: number): Array<string | null> {
  const invalid = (reason: string) =>
    new ValidationError('invalid_cursor', `The cursor is not valid for this query: ${reason}`, {
      parameter: 'cursor',
      reason,
    });
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) throw invalid('malformed');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed');
  }
  const b = body as Partial<CursorBody>;
  if (!b || typeof b !== 'object' || typeof b.f !== 'string' || !Array.isArray(b.v))
    throw invalid('malformed');
  if (b.f !== fingerprint) throw invalid('it belongs to a different query or data version');
  if (b.v.length !== arity || !b.v.every((x) => x === null || typeof x === 'string'))
    throw invalid('malformed');
  return b.v;
}
