import { cancelOnHangUp, readsCancelledBy, type Database } from '../../db';
import { MAX_LIMIT, MAX_OFFSET, queryRows, type RawRowQuery, type RowPage } from '../../query';
import { ValidationError } from '../../errors';
import { parseAsOf } from '../params';
import { dataMeta } from '../presenters/data';
import { readInstant, type Action, type ActionContext } from './action';
import { resourceRowQuery } from './datastore-query';
import { DEFAULT_RECORDS, MAX_RECORDS } from './limits';
import { datastoreField, formatRecords, RECORDS_FORMATS, type RecordsFormat } from './presenters/datastore';
import { findResource } from './resources';

/** The keys datastore_search takes (CKAN's datastore_search_schema, and our `asOf` and `cursor`). */
const KNOWN = new Set([
  'resource_id',
  'id',
  'q',
  'full_text',
  'plain',
  'language',
  'filters',
  'limit',
  'offset',
  'fields',
  'sort',
  'distinct',
  'include_total',
  'total_estimation_threshold',
  'records_format',
  'include_next_page',
  'asOf',
  'cursor',
]);

interface Window {
  limit: number;
  offset: number;
  cursor: string | undefined;
  includeTotal: boolean;
}

/**
 * Up to `limit` records in planner pages of at most MAX_LIMIT, each page after the last by
 * cursor (by offset for distinct rows, which have no cursor). `limit: 0` still plans the
 * read, for its fields and total, and returns no records, as CKAN does.
 */
async function readRecords(db: Database, datasetId: string, q: RawRowQuery, w: Window, now: Date) {
  const rows: Record<string, unknown>[] = [];
  let first: RowPage | undefined;
  let last: RowPage | undefined;
  // With a cursor the page starts after it and `offset` only numbers the page; distinct rows
  // have no cursor (the planner refuses one), so they page by offset.
  let cursor = w.cursor;
  const skip = cursor ? 0 : w.offset;
  let remaining = Math.max(w.limit, 1);
  for (;;) {
    last = await queryRows(
      db,
      datasetId,
      {
        ...q,
        limit: Math.min(remaining, MAX_LIMIT),
        cursor,
        offset: q.distinct || rows.length === 0 ? skip + rows.length : 0,
        includeTotal: first === undefined && w.includeTotal,
      },
      now,
    );
    first ??= last;
    rows.push(...last.rows);
    remaining -= last.rows.length;
    if (!last.hasMore || remaining <= 0) break;
    if (!q.distinct) cursor = last.nextCursor ?? undefined;
  }
  if (w.limit === 0) return { page: first, rows: [], endCursor: w.cursor ?? null };
  return { page: first, rows, endCursor: last.endCursor ?? w.cursor ?? null };
}

/** A value as a URL parameter carries it: text as itself, anything else as JSON (read back the same). */
const asParam = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * CKAN's `_links`: `start`, `next` (always, as CKAN gives it) and `prev` (when CKAN would),
 * as GET URLs of the same request whichever way it came. Each pins `asOf` to the instant
 * this page was read, so following them pages one unchanging set of rows; `next` also
 * carries the cursor after this page, so the last page costs what the first did.
 */
function links(ctx: ActionContext, asOf: string, w: Window, endCursor: string | null) {
  const path = ctx.req.originalUrl.split('?')[0]!;
  const base: Array<[string, string]> = Object.entries(ctx.params.data)
    .filter(([k, v]) => !['offset', 'cursor', 'asOf'].includes(k) && v !== undefined && v !== null)
    .map(([k, v]) => [k, asParam(v)]);
  const url = (extra: Array<[string, string]>) =>
    `${path}?${new URLSearchParams([...base, ['asOf', asOf], ...extra]).toString()}`;
  return {
    start: url([]),
    next: url([
      ['offset', String(w.offset + w.limit)],
      ...(endCursor ? [['cursor', endCursor] as [string, string]] : []),
    ]),
    ...(w.offset - w.limit > 0 ? { prev: url([['offset', String(w.offset - w.limit)]]) } : {}),
  };
}

function recordsFormat(ctx: ActionContext): RecordsFormat {
  const v = ctx.params.string('records_format') ?? 'objects';
  if (!(RECORDS_FORMATS as readonly string[]).includes(v)) {
    throw new ValidationError(
      'invalid_parameter',
      `records_format must be one of ${RECORDS_FORMATS.join(', ')}`,
      {
        parameter: 'records_format',
        value: v,
        allowed: RECORDS_FORMATS,
      },
    );
  }
  return v as RecordsFormat;
}

/**
 * datastore_search: the rows of a resource (all current data, or one release) through the
 * same planner as REST's rows, so filters, the embargo, the negative list and `asOf` mean
 * exactly what they mean there.
 */
export const datastoreSearch: Action = async (ctx) => {
  const { params } = ctx;
  params.refuseUnknown(KNOWN);
  const resourceId = params.has('id') ? params.required('id') : params.required('resource_id');
  const asOf = parseAsOf(params.string('asOf'));
  const { snapshot, release } = await findResource(ctx.deps.db.knex, resourceId, readInstant(asOf, ctx.now));
  const format = recordsFormat(ctx);
  const distinct = params.bool('distinct', false);
  const w: Window = {
    limit: params.int('limit', { fallback: DEFAULT_RECORDS, min: 0, max: MAX_RECORDS, clamp: true }),
    offset: params.int('offset', { fallback: 0, min: 0, max: MAX_OFFSET }),
    cursor: params.string('cursor'),
    includeTotal: params.bool('include_total', true),
  };
  const query: RawRowQuery = { ...resourceRowQuery(params, asOf, release), distinct, withCursor: !distinct };
  const { page, rows, endCursor } = await readRecords(
    readsCancelledBy(ctx.deps.db, cancelOnHangUp(ctx.req.res!)),
    snapshot.dataset.id,
    query,
    w,
    ctx.now,
  );
  const asOfText = page.scope.asOf.toISOString();
  const _links = links(ctx, asOfText, w, endCursor);
  const echoed = ['filters', 'q', 'sort', 'distinct'].filter((k) => params.has(k));
  return {
    resource_id: resourceId,
    ...Object.fromEntries(echoed.map((k) => [k, params.data[k]])),
    fields: page.fields.map(datastoreField),
    records: formatRecords(rows, page.fields, format),
    records_format: format,
    limit: w.limit,
    offset: w.offset,
    include_total: w.includeTotal,
    ...(page.total ? { total: page.total.value, total_was_estimated: !page.total.exact } : {}),
    _links,
    asOf: asOfText,
    data_version: page.scope.dataVersion,
    schema_version: page.scope.version.semver,
    dataset_status: page.scope.dataset.status,
    citation: dataMeta(page.scope, _links.start).citation,
  };
};
