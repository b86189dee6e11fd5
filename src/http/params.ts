import type { Request } from 'express';
import { ValidationError } from '../errors';

// Express 5's `req.query` is a getter that parses the query string again on every read;
// a request's parameters are read a dozen times, so they are parsed once and kept here.
const parsed = new WeakMap<Request, Record<string, unknown>>();

/** The request's query parameters, parsed once per request. */
export function queryOf(req: Request): Record<string, unknown> {
  let q = parsed.get(req);
  if (!q) {
    q = req.query as Record<string, unknown>;
    refuseNul(q);
    parsed.set(req, q);
  }
  return q;
}

// No PostgreSQL text can hold U+0000, and an export inlines its filters into COPY, where
// the character ends the statement early: it is refused here, naming the parameter.
function refuseNul(query: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    if (name.includes('\u0000') || values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
      const parameter = name.split('\u0000').join('\\0');
      throw new ValidationError(
        'invalid_parameter',
        `Parameter ${parameter} must not contain a NUL character`,
        { parameter },
      );
    }
  }
}

/** Reads one query parameter as a single string; repeated parameters are a client error. */
export function queryString(req: Request, name: string): string | undefined {
  const v = queryOf(req)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    throw new ValidationError('invalid_parameter', `Parameter ${name} must be given once`, {
      parameter: name,
    });
  }
  return v;
}

export function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ValidationError(
      'invalid_parameter',
      `Parameter ${name} must be an integer from ${min} to ${max}`,
      {
        parameter: name,
        value: raw,
        minimum: min,
        maximum: max,
      },
    );
  }
  return Number(raw);
}

export function queryEnum<T extends string>(
  req: Request,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ValidationError('invalid_parameter', `Parameter ${name} must be one of ${allowed.join(', ')}`, {
      parameter: name,
      value: raw,
      allowed,
    });
  }
  return raw as T;
}

export function queryBool(req: Request, name: string, fallback: boolean): boolean {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ValidationError('invalid_parameter', `Parameter ${name} must be true or false`, {
    parameter: name,
    value: raw,
  });
}

/** Route parameters are already strings in Express 5; this only narrows the type. */
export function pathParam(req: Request, name: string): string {
  const v = (req.params as Record<string, string | undefined>)[name];
  if (v === undefined)
    throw new ValidationError('invalid_parameter', `Missing path parameter ${name}`, { parameter: name });
  return v;
}

/** The largest id of an `integer` (int4) column: anything longer cannot name a row. */
export const MAX_INT4 = 2_147_483_647;

/**
 * A positive integer path id (a token, a schema version), checked before it reaches SQL:
 * a 20-digit id would otherwise overflow the column and surface as a database error.
 */
export function pathInt(req: Request, name: string, max = MAX_INT4): number {
  const raw = pathParam(req, name);
  if (!/^[1-9]\d{0,15}$/.test(raw) || Number(raw) > max) {
    throw new ValidationError(
      'invalid_parameter',
      `Path parameter ${name} must be an integer from 1 to ${max}`,
      {
        parameter: name,
        value: raw,
        minimum: 1,
        maximum: max,
      },
    );
  }
  return Number(raw);
}

/** `asOf`, the instant a read is pinned to, as every transport reads it: an ISO 8601 timestamp. */
export function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const asOf = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(asOf.getTime())) {
    throw new ValidationError('invalid_parameter', 'asOf must be an ISO 8601 timestamp', {
      parameter: 'asOf',
      value: text,
    });
  }
  return asOf;
}
