import { ValidationError } from '../errors';

/**
 * Cursors are opaque base64url JSON. Catalog lists page by offset ({o}). Typed rows reuse
 * the query module's keyset cursor as is for `endCursor` (so walking pages costs one
 * keyset query each); every other edge gets {a: anchor, s: n} = "n rows after the keyset
 * cursor a", which Relay needs because the domain only hands back the cursor after a page.
 */
const invalid = (reason: string) =>
  new ValidationError('invalid_cursor', `The cursor is not valid for this query: ${reason}`, {
    parameter: 'after',
    reason,
  });

const encode = (body: object) => Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');

function decode(cursor: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(cursor)) throw invalid('malformed');
  try {
    const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const offsetCursor = (offset: number): string => encode({ o: offset });

export function offsetFrom(after: string | null | undefined): number {
  if (after === undefined || after === null) return 0;
  const o = decode(after)?.o;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) throw invalid('not a list cursor');
  return o;
}

export interface RowAnchor {
  /** The query module's keyset cursor to start from (undefined = the first row). */
  keyset: string | undefined;
  /** Rows to skip after it. */
  skip: number;
}

export const rowCursor = (keyset: string | undefined, skip: number): string =>
  encode({ a: keyset ?? null, s: skip });

export function rowAnchor(after: string | null | undefined): RowAnchor {
  if (after === undefined || after === null) return { keyset: undefined, skip: 0 };
  const body = decode(after);
  if (body && 's' in body) {
    const { a, s } = body;
    if ((a !== null && typeof a !== 'string') || typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0)
      throw invalid('malformed');
    return { keyset: a ?? undefined, skip: s };
  }
  // Anything else is the domain's own cursor; the query module checks it belongs to this query.
  return { keyset: after, skip: 0 };
}
