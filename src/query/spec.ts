import { ValidationError } from '../errors';
import type { CellValue } from '../schemas';
import { MAX_LIMIT } from './limits';

export const FILTER_OPS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'prefix', 'null'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

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
}

export const AGGREGATE_FUNCS = ['avg', 'min', 'max', 'sum'] as const;
export type AggregateFunc = (typeof AGGREGATE_FUNCS)[number];

export interface RawAggregateQuery extends VersionSelector {
  filters: RawFilter[];
  q?: string;
  groupBy: string[];
  measures: Partial<Record<AggregateFunc, string[]>>;
  count: boolean;
  limit: number;
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
