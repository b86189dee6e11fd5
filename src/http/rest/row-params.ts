import type { Request } from 'express';
import { ValidationError } from '../../errors';
import { RESERVED_PARAMETER_NAMES } from '../../schemas';
import {
  AGGREGATE_FUNCS,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type RawAggregateQuery,
  type RawFilter,
  type RawRowQuery,
  type VersionSelector,
} from '../../query';
import { parseAsOf, queryBool, queryInt, queryOf, queryString } from '../params';

const FILTER_KEY = /^([^[\]]+)(?:\[([^[\]]*)\])?$/;

function filtersFrom(req: Request): RawFilter[] {
  const out: RawFilter[] = [];
  for (const [key, value] of Object.entries(queryOf(req))) {
    // Parameters that shape the request (schemas/field-type-rules.ts); every other key is a filter.
    if (RESERVED_PARAMETER_NAMES.has(key)) continue;
    const m = FILTER_KEY.exec(key);
    if (!m)
      throw new ValidationError('unknown_field', `Cannot read filter ${JSON.stringify(key)}`, {
        field: key,
        parameter: key,
      });
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string')
        throw new ValidationError('invalid_filter_value', `Filter ${key} needs a text value`, {
          field: m[1],
        });
      const op = m[2] ?? (v.includes(',') ? 'in' : 'eq');
      out.push({ field: m[1]!, op, value: v, parameter: key });
    }
  }
  return out;
}

function list(req: Request, name: string): string[] | undefined {
  const raw = queryString(req, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim());
}

/** Which published state a data request reads (asOf, revision, release, schemaVersion). */
export function versionSelector(req: Request): VersionSelector {
  const asOf = parseAsOf(queryString(req, 'asOf'));
  const optionalInt = (name: string) =>
    queryString(req, name) === undefined ? undefined : queryInt(req, name, 0, 1, Number.MAX_SAFE_INTEGER);
  return {
    asOf,
    revision: optionalInt('revision'),
    releaseId: optionalInt('release'),
    schemaVersion: optionalInt('schemaVersion'),
  };
}

export function rowQueryFrom(req: Request): RawRowQuery {
  return {
    ...versionSelector(req),
    filters: filtersFrom(req),
    q: queryString(req, 'q'),
    fields: list(req, 'fields'),
    sort: queryString(req, 'sort'),
    limit: queryInt(req, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    cursor: queryString(req, 'cursor'),
    includeTotal: queryBool(req, 'include_total', false),
  };
}

export function aggregateQueryFrom(req: Request): RawAggregateQuery {
  const measures: RawAggregateQuery['measures'] = {};
  for (const fn of AGGREGATE_FUNCS) measures[fn] = list(req, fn);
  const count = queryOf(req).count;
  return {
    ...versionSelector(req),
    filters: filtersFrom(req),
    q: queryString(req, 'q'),
    groupBy: list(req, 'groupBy') ?? [],
    measures,
    // `count` alone (no value) asks for a count, like `&count` in the URL.
    count: count !== undefined && queryBool(req, 'count', true),
    limit: queryInt(req, 'limit', 1000, 1, MAX_LIMIT),
  };
}

/** `labels=true`: each coded field (one with a code list) is followed by its names. */
export function labelsWanted(req: Request): boolean {
  return queryBool(req, 'labels', false);
}
