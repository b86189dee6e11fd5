import type { Readable } from 'node:stream';
import type { Database } from '../db';
import { openCopyOut, projection, type CopyOutFormat, type ProjectionKind } from '../storage';
import { withLabelColumns } from '../schemas';
import { applyOrder } from './order';
import { filteredRows, type RowPlan } from './row-plan';

export interface StreamOptions {
  kind: ProjectionKind;
  format: CopyOutFormat;
  escapeFormulas: boolean;
  /** Rows skipped before the first one streamed; default none. */
  offset?: number;
  /** At most this many rows; default all. */
  limit?: number;
  /** Each coded field followed by its name columns. */
  labels?: boolean;
}

/** The whole result of a plan, in the plan's order, as a byte stream straight from COPY. */
export async function streamPlan(db: Database, plan: RowPlan, o: StreamOptions): Promise<Readable> {
  const qb = filteredRows(db.knex, plan);
  const columns = o.labels ? withLabelColumns(plan.fields) : plan.fields;
  qb.select(projection(db.knex, columns, o.kind, { escapeFormulas: o.escapeFormulas }));
  applyOrder(qb, plan.order);
  if (o.limit !== undefined) qb.limit(o.limit);
  if (o.offset) qb.offset(o.offset);
  return openCopyOut(db, qb.toQuery(), o.format);
}
