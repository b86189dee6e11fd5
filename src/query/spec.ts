import { ValidationError } from '../errors';
import {
  AGGREGATE_FUNCTIONS,
  FILTER_OPERATORS,
  type AggregateFunction,
  type CellValue,
  type FilterOperator,
} from '../schemas';
import { MAX_LIMIT, MAX_OFFSET } from './limits';

// Defined with the field types that allow them (schemas/field-type-rules.ts).
export const FILTER_OPS = FILTER_OPERATORS;
export type FilterOp = FilterOperator;

/** A filter exactly as a transport received it: field and operator names, text values. */
export interface RawFilter {
  field: string;
  op: string;
  value: string;
  /** The query key it came from (`city`, `city[in]`), for errors; not part of its meaning. */
  parameter?: string;
}

/** A filter checked against the schema, its values cast to the field's type. */
export interface Filter {
  field: string;
  op: FilterOp;
  values: CellValue[];
}

export interface SortKey {
  field: string;
  desc: boolean;
}

/** Which published state of the data a query reads; default is "now". */
export interface VersionSelector {
  asOf?: Date;
  /** Only this revision number of each period. */
  revision?: number;
  /** Only this one release. */
  releaseId?: number;
  /** Read the storage of this schema version (older MAJOR generations). */
  schemaVersion?: number;
}

export interface RawRowQuery extends VersionSelector {
  filters: RawFilter[];
  q?: string;
  fields?: string[];
  sort?: string;
  limit: number;
  cursor?: string;
  /** Whether the next page's cursor is wanted (default yes); without it no sort key is read back. */
  withCursor?: boolean;
  includeTotal: boolean;
  /**
   * Rows skipped before the page (after `cursor` when both are given). A cursor costs the
   * same on every page; an offset costs a walk past every skipped row, hence MAX_OFFSET.
   */
  offset?: number;
  /**
   * Only distinct combinations of the selected fields, in sort-key then field order. Such
   * rows have no position a cursor could name, so they page by offset only.
   */
  distinct?: boolean;
}

export const AGGREGATE_FUNCS = AGGREGATE_FUNCTIONS;
export type AggregateFunc = AggregateFunction;

export interface RawAggregateQuery extends VersionSelector {
  filters: RawFilter[];
  q?: string;
  groupBy: string[];
  measures: Partial<Record<AggregateFunc, string[]>>;
  count: boolean;
  limit: number;
}

/** The offset of a paged read; beyond MAX_OFFSET the cursor is the way on. */
export function assertOffset(offset: number | undefined): void {
  if (offset === undefined) return;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new ValidationError('invalid_parameter', `offset must be an integer from 0 to ${MAX_OFFSET}`, {
      parameter: 'offset',
      value: offset,
      minimum: 0,
      maximum: MAX_OFFSET,
    });
  }
}

/** The page/group limit every read shares; the transport already bounds it, the domain re-checks. */
export function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError('invalid_parameter', `limit must be an integer from 1 to ${MAX_LIMIT}`, {
      parameter: 'limit',
      value: limit,
    });
  }
}
