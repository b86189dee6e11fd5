import type { FieldType } from './types';

/**
 * What each field type can do on the read API, written once. The planner, the aggregate,
 * the GraphQL filter inputs, CKAN's datastore_search, the schema checks and the generated
 * per-dataset OpenAPI all read this table, so a type can never allow an operator in one
 * transport and refuse it in another.
 */

/** Every filter operator of the read API: REST `field[op]=v`, GraphQL `{ field: { op } }`. */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'prefix',
  'null',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Summary functions of the aggregate endpoint (besides `count`, which any row has). */
export const AGGREGATE_FUNCTIONS = ['avg', 'min', 'max', 'sum'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface FieldTypeRule {
  /** Values compare with <, so range filters and min/max apply. */
  ordered: boolean;
  /** Values are numbers, so avg and sum apply. */
  numeric: boolean;
  /** Values are free text: substring and prefix filters apply and `q` searches them. */
  textual: boolean;
  /** The filter operators this type allows, in the order of FILTER_OPERATORS. */
  operators: readonly FilterOperator[];
  /** The aggregate functions this type allows, in the order of AGGREGATE_FUNCTIONS. */
  aggregates: readonly AggregateFunction[];
}

type Traits = Pick<FieldTypeRule, 'ordered' | 'numeric' | 'textual'>;

const TRAITS: Readonly<Record<FieldType, Traits>> = {
  string: { ordered: false, numeric: false, textual: true },
  integer: { ordered: true, numeric: true, textual: false },
  number: { ordered: true, numeric: true, textual: false },
  boolean: { ordered: false, numeric: false, textual: false },
  date: { ordered: true, numeric: false, textual: false },
  year: { ordered: true, numeric: false, textual: false },
  yearmonth: { ordered: true, numeric: false, textual: false },
  period: { ordered: true, numeric: false, textual: false },
};

const RANGE: ReadonlySet<FilterOperator> = new Set(['gt', 'gte', 'lt', 'lte']);
const TEXT: ReadonlySet<FilterOperator> = new Set(['contains', 'prefix']);

function ruleOf(t: Traits): FieldTypeRule {
  return Object.freeze({
    ...t,
    operators: Object.freeze(
      FILTER_OPERATORS.filter((op) => (RANGE.has(op) ? t.ordered : TEXT.has(op) ? t.textual : true)),
    ),
    aggregates: Object.freeze(
      AGGREGATE_FUNCTIONS.filter((fn) => (fn === 'min' || fn === 'max' ? t.ordered : t.numeric)),
    ),
  });
}

export const FIELD_TYPE_RULES: Readonly<Record<FieldType, FieldTypeRule>> = Object.freeze(
  Object.fromEntries(Object.entries(TRAITS).map(([type, t]) => [type, ruleOf(t)])) as Record<
    FieldType,
    FieldTypeRule
  >,
);

export const isOrderedType = (type: FieldType): boolean => FIELD_TYPE_RULES[type].ordered;
export const isNumericType = (type: FieldType): boolean => FIELD_TYPE_RULES[type].numeric;
export const isTextualType = (type: FieldType): boolean => FIELD_TYPE_RULES[type].textual;

export function allowsOperator(type: FieldType, op: string): op is FilterOperator {
  return (FIELD_TYPE_RULES[type].operators as readonly string[]).includes(op);
}

export function allowsAggregate(type: FieldType, fn: AggregateFunction): boolean {
  return FIELD_TYPE_RULES[type].aggregates.includes(fn);
}

/**
 * The query parameters the read endpoints (rows, aggregate, export) read themselves; every
 * other key is a filter `field` or `field[op]`. A field may not be named like one of these,
 * or it could never be filtered. Grouped by the endpoints that read them, for the docs.
 */
export const READ_PARAMETERS = Object.freeze({
  /** Which published state is read: rows, aggregate and export. */
  version: ['asOf', 'revision', 'release', 'schemaVersion'],
  /** Rows and export (export ignores `cursor`); `labels` adds code-list names. */
  rows: ['limit', 'cursor', 'fields', 'sort', 'include_total', 'q', 'labels'],
  aggregate: ['groupBy', 'count', ...AGGREGATE_FUNCTIONS, 'limit', 'q'],
  export: ['bom', 'encoding', 'header', 'escapeFormulas'],
} as const);

export const RESERVED_PARAMETER_NAMES: ReadonlySet<string> = new Set(Object.values(READ_PARAMETERS).flat());
