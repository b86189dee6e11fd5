import { ValidationError } from '../../errors';
import type { RawFilter, RawRowQuery } from '../../query';
import type { FilterOperator } from '../../schemas';
import type { ActionParams } from './action-params';
import { MAX_FIELDS } from './limits';

/**
 * Translates the DataStore's query parameters into the planner's terms, so a DataStore
 * read is a REST read: `filters` become the same filters as `city=…` or `city=a,b`,
 * `sort` the same sort, `q` the same search. CKAN's `_id` (insertion order) is the
 * planner's own tie-break order, so it is accepted where it means that and nothing else.
 */

const refuse = (parameter: string, message: string, extra: object = {}) =>
  new ValidationError('invalid_parameter', message, { parameter, ...extra });

/** The text of a JSON scalar, as a REST query parameter would carry it. */
function scalarText(parameter: string, field: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw refuse(parameter, `${parameter}.${field} must be a string, number or boolean`, { field });
}

/** A list becomes one `in` filter; the planner's `in` is comma-separated text, as in REST. */
function inFilter(field: string, values: unknown[]): RawFilter {
  if (values.length === 0) throw refuse('filters', `filters.${field} needs at least one value`, { field });
  const texts = values.map((v) => scalarText('filters', field, v));
  const bad = texts.find((t) => t.includes(','));
  if (bad !== undefined) {
    throw new ValidationError(
      'invalid_filter_value',
      `filters.${field}: values containing "," cannot be given in a list; filter on one value`,
      { field, operator: 'in', value: bad, parameter: 'filters' },
    );
  }
  return { field, op: 'in', value: texts.join(','), parameter: `filters.${field}` };
}

/**
 * The operators CKAN's DataStore spells, each one of the read API's own; which of them a
 * field accepts is its type's rule (schemas/field-type-rules.ts), applied by the planner.
 */
const OPERATORS: ReadonlySet<string> = new Set<FilterOperator>(['eq', 'in', 'gt', 'gte', 'lt', 'lte']);

/**
 * `filters`: `{"city": "140100"}`, `{"city": ["140100", "140200"]}`, `{"price": null}`, or
 * with operators as newer CKAN takes them, `{"period": {"gte": "2017-W10", "lt": "2017-W20"}}`.
 */
export function filtersFrom(params: ActionParams): RawFilter[] {
  const filters = params.object('filters');
  if (!filters) return [];
  const out: RawFilter[] = [];
  for (const [field, v] of Object.entries(filters)) {
    if (field.startsWith('$')) throw refuse('filters', `filters do not support ${field}`, { field });
    if (v === null) out.push({ field, op: 'null', value: 'true', parameter: `filters.${field}` });
    else if (Array.isArray(v)) out.push(inFilter(field, v));
    else if (typeof v === 'object') {
      for (const [op, operand] of Object.entries(v as Record<string, unknown>)) {
        if (!OPERATORS.has(op)) {
          throw refuse('filters', `Unknown filter operation ${op} on ${field}`, {
            field,
            allowed: [...OPERATORS],
          });
        }
        if (op === 'in') out.push(inFilter(field, Array.isArray(operand) ? operand : [operand]));
        else
          out.push({
            field,
            op,
            value: scalarText('filters', field, operand),
            parameter: `filters.${field}`,
          });
      }
    } else
      out.push({ field, op: 'eq', value: scalarText('filters', field, v), parameter: `filters.${field}` });
  }
  return out;
}

/**
 * `q`: a string searches every public text field (REST's `q`); an object (or its JSON text,
 * as CKAN's unicode_or_json_validator reads it) searches named fields, as `contains` filters.
 */
export function searchFrom(params: ActionParams): { q?: string; filters: RawFilter[] } {
  const raw = params.data.q ?? params.data.full_text;
  let q: unknown = raw;
  if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    try {
      q = JSON.parse(raw) as unknown;
    } catch {
      q = raw;
    }
  }
  if (q === undefined || q === null || q === '') return { filters: [] };
  if (typeof q === 'string') return { q, filters: [] };
  if (typeof q !== 'object' || Array.isArray(q)) throw refuse('q', 'q must be a string or an object');
  const filters = Object.entries(q as Record<string, unknown>).map(([field, v]) => ({
    field,
    op: 'contains',
    value: scalarText('q', field, v),
    parameter: `q.${field}`,
  }));
  return { filters };
}

/** `fields`, with CKAN's `_id` dropped: every row here is identified by its fields. */
export function fieldsFrom(params: ActionParams): string[] | undefined {
  const fields = params.list('fields', { maxItems: MAX_FIELDS });
  return fields?.filter((f) => f !== '_id');
}

/**
 * `sort`: `"price desc, city"` or `["price desc", "city"]` as the planner's `-price,city`.
 * Nulls come last ascending and first descending (PostgreSQL's default); asking otherwise
 * is refused rather than quietly ignored.
 */
export function sortFrom(params: ActionParams): string | undefined {
  const parts = params.list('sort', { maxItems: MAX_FIELDS });
  if (!parts) return undefined;
  const keys: string[] = [];
  for (const [i, part] of parts.entries()) {
    const m = /^\s*"?([^"\s]+)"?(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$/i.exec(part);
    if (!m) throw refuse('sort', `Cannot sort by ${JSON.stringify(part)}`);
    const desc = (m[2] ?? 'asc').toLowerCase() === 'desc';
    const nulls = m[3]?.toLowerCase();
    if (nulls && nulls !== (desc ? 'first' : 'last')) {
      throw refuse('sort', `Nulls come ${desc ? 'first' : 'last'} when sorting ${desc ? 'desc' : 'asc'}`);
    }
    if (m[1] === '_id') {
      // Insertion order is the order every sort ends with; only `_id` ascending means it.
      if (desc || i < parts.length - 1) throw refuse('sort', '_id can only be the last key, ascending');
      continue;
    }
    keys.push(desc ? `-${m[1]}` : m[1]!);
  }
  return keys.length > 0 ? keys.join(',') : undefined;
}

/**
 * The row query of a resource read (datastore_search and the dump): the whole dataset or
 * one release, as of `asOf`, with CKAN's filters, `q`, fields and sort in the planner's terms.
 */
export function resourceRowQuery(
  params: ActionParams,
  asOf: Date | undefined,
  release: { id: number; schemaVersion: number } | undefined,
): RawRowQuery {
  const search = searchFrom(params);
  return {
    asOf,
    releaseId: release?.id,
    schemaVersion: release?.schemaVersion,
    filters: [...filtersFrom(params), ...search.filters],
    q: search.q,
    fields: fieldsFrom(params),
    sort: sortFrom(params),
    limit: 1,
    includeTotal: false,
  };
}
