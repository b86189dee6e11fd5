/**
 * Issue 15's workload mix: the everyday questions journalists and researchers ask, each a
 * shape whose parameters are drawn from a dataset's own values with a seeded generator.
 * One draw gives the same question in four spellings: our REST path, the equivalent
 * hand-written SQL a bare express + pg handler runs, our GraphQL document and PostGraphile's
 * (when PostGraphile can ask it at all).
 */

/** A parameterised statement as the bare handler sends it. */
export interface Sql {
  text: string;
  values: unknown[];
}

/** How a dataset plays the shapes' roles; every name is a schema field. */
export interface MixDataset {
  id: string;
  /** Our GraphQL root field. */
  gqlName: string;
  /** datastore table, and PostGraphile's collection over it (found at run time). */
  table: string;
  peerField: string;
  period: string;
  /** Dimensions, most often filtered first. */
  dims: [string, string, string];
  measure: string;
  /** A `fields` subset (period first). */
  subset: string[];
  /** Every servable field, in schema order: what a row answer holds. */
  fields: string[];
  /** Public text fields: what `q` searches. */
  textFields: string[];
  /** Periods in a "year" (52 weeks, 12 months). */
  yearSpan: number;
}

/** The real values of one dataset, read from its table before drawing. */
export interface Domains {
  /** Each dimension's values with their row counts. */
  values: Record<string, { value: string; rows: number }[]>;
  /** Distinct periods, ascending. */
  periods: string[];
  /** The measure's 90th percentile: `measure >= p90` keeps the top tenth. */
  measureP90: number;
  /** The releases every read sees now, as the bare handler spells it (or none when all are). */
  current: ReleaseBound;
  /** Instants at which only part of the history had been published, and what was then. */
  eras: { at: string; bound: ReleaseBound }[];
}

export type ReleaseBound = { all: true } | { upTo: number } | { ids: number[] };

export interface Draw {
  /** Path under /api/v1/datasets/<id>/. */
  rest: string;
  sql: Sql[];
  ours: string;
  peer?: string;
  /** An aggregate's group-by field and measure, for the Apollo floor's answer shape. */
  agg?: { key: string; measure: string };
  /** A deep page: the cursor comes from the servers, fetched before the run (see mix.bench.ts). */
  deep?: { depth: number; filter: { field: string; value: string } };
}

export interface MixShape {
  id: string;
  title: string;
  /** Why PostGraphile (+ connection-filter) cannot ask this, when it cannot. */
  peerSkip?: string;
  draw(ds: MixDataset, dom: Domains, pick: Picker): Draw;
}

export type Picker = <T>(xs: readonly T[]) => T;

/** mulberry32: a small seeded generator, so every run draws the same requests. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function picker(seed: number): Picker {
  const random = seeded(seed);
  return (xs) => xs[Math.floor(random() * xs.length)]!;
}

export const PAGE = 100;
const enc = encodeURIComponent;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** A schema field name as our GraphQL (and PostGraphile) spell it. */
export const camel = (name: string) =>
  name.replace(/[-_]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
const constant = (name: string) => name.replace(/^_+/, '').toUpperCase();
const lit = (v: string | number) => JSON.stringify(v);

/** One bound parameter list and its `$n` placeholders. */
class Binds {
  values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

interface Cond {
  field: string;
  op: 'eq' | 'in' | 'gte' | 'lte';
  value: string | number | string[];
}

function releaseSql(bound: ReleaseBound, b: Binds): string[] {
  if ('all' in bound) return [];
  if ('upTo' in bound) return [`"_release_id" <= ${b.add(bound.upTo)}`];
  return [`"_release_id" = ANY(${b.add(bound.ids)}::bigint[])`];
}

function condSql(c: Cond, b: Binds): string {
  const op = { eq: '=', gte: '>=', lte: '<=' } as const;
  if (c.op === 'in') return `${q(c.field)} = ANY(${b.add(c.value)}::text[])`;
  return `${q(c.field)} ${op[c.op]} ${b.add(c.value)}`;
}

function restParams(conds: Cond[]): string[] {
  return conds.map((c) =>
    c.op === 'eq'
      ? `${c.field}=${enc(String(c.value))}`
      : c.op === 'in'
        ? `${c.field}[in]=${(c.value as string[]).map(enc).join(',')}`
        : `${c.field}[${c.op}]=${enc(String(c.value))}`,
  );
}

/** Conditions as a GraphQL filter object, for ours (`eq`…) or connection-filter (`equalTo`…). */
function gqlFilter(conds: Cond[], peer: boolean, numeric: ReadonlySet<string>): string {
  const names = peer
    ? { eq: 'equalTo', in: 'in', gte: 'greaterThanOrEqualTo', lte: 'lessThanOrEqualTo' }
    : { eq: 'eq', in: 'in', gte: 'gte', lte: 'lte' };
  const byField = new Map<string, string[]>();
  for (const c of conds) {
    // PostGraphile reads numeric as BigFloat, a string; ours reads it as Float.
    const v = Array.isArray(c.value)
      ? `[${c.value.map(lit).join(', ')}]`
      : numeric.has(c.field) && peer
        ? lit(String(c.value))
        : lit(c.value);
    const list = byField.get(c.field) ?? [];
    list.push(`${names[c.op]}: ${v}`);
    byField.set(c.field, list);
  }
  return `{${[...byField].map(([f, ops]) => `${camel(f)}: {${ops.join(', ')}}`).join(', ')}}`;
}

interface RowsRequest {
  conds: Cond[];
  sortDesc?: string;
  fields?: string[];
  total?: boolean;
  search?: string;
  era?: { at: string; bound: ReleaseBound };
}

function rowsDraw(ds: MixDataset, dom: Domains, r: RowsRequest): Draw {
  const fields = r.fields ?? ds.fields;
  const numeric = new Set([ds.measure]);
  const b = new Binds();
  const where = [...releaseSql(r.era?.bound ?? dom.current, b), ...r.conds.map((c) => condSql(c, b))];
  if (r.search) {
    const p = b.add(`%${r.search}%`);
    where.push(`(${ds.textFields.map((f) => `${q(f)} ILIKE ${p}`).join(' OR ')})`);
  }
  const order = [
    ...(r.sortDesc ? [`${q(r.sortDesc)} DESC NULLS FIRST`] : []),
    q(ds.period),
    '"_release_id"',
    '"_row"',
  ].join(', ');
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const from = `FROM datastore.${q(ds.table)}${whereSql}`;
  const sql: Sql[] = [
    { text: `SELECT ${fields.map(q).join(', ')} ${from} ORDER BY ${order} LIMIT ${PAGE}`, values: b.values },
  ];
  if (r.total) sql.push({ text: `SELECT count(*) AS total ${from}`, values: b.values });

  const rest = [
    ...restParams(r.conds),
    ...(r.sortDesc ? [`sort=-${r.sortDesc}`] : []),
    ...(r.fields ? [`fields=${r.fields.join(',')}`] : []),
    ...(r.total ? ['include_total=true'] : []),
    ...(r.search ? [`q=${enc(r.search)}`] : []),
    ...(r.era ? [`asOf=${enc(r.era.at)}`] : []),
    `limit=${PAGE}`,
  ].join('&');
  const nodes = fields.map(camel).join(' ');
  const args = (peer: boolean) => {
    const out = [`first: ${PAGE}`];
    const conds = [...r.conds];
    if (r.conds.length || (peer && (r.search || r.era)))
      out.push(`filter: ${gqlFilter(conds, peer, numeric)}`.replace(/}$/, peerExtra(peer, ds, r)));
    if (r.sortDesc)
      out.push(
        peer
          ? `orderBy: [${constant(r.sortDesc)}_DESC, PERIOD_ASC]`
          : `orderBy: [${constant(r.sortDesc)}_DESC]`,
      );
    else if (peer) out.push('orderBy: [PERIOD_ASC]');
    if (!peer && r.search) out.push(`search: ${lit(r.search)}`);
    if (!peer && r.era) out.push(`asOf: ${lit(r.era.at)}`);
    return out.join(', ');
  };
  const total = r.total ? 'totalCount ' : '';
  const doc = (peer: boolean) =>
    JSON.stringify({
      query: `{ ${peer ? ds.peerField : ds.gqlName}(${args(peer)}) { ${total}nodes { ${nodes} } } }`,
    });
  // An era that is not a prefix of the release ids has no connection-filter spelling.
  const peerCan = !(r.era && 'ids' in r.era.bound);
  return { rest: `rows?${rest}`, sql, ours: doc(false), ...(peerCan && { peer: doc(true) }) };
}

/** What connection-filter needs for `q` (an `or` of substring matches) and an era (release ids). */
function peerExtra(peer: boolean, ds: MixDataset, r: RowsRequest): string {
  if (!peer) return '}';
  const extra: string[] = [];
  if (r.search)
    extra.push(
      `or: [${ds.textFields.map((f) => `{${camel(f)}: {includesInsensitive: ${lit(r.search!)}}}`).join(', ')}]`,
    );
  if (r.era && 'upTo' in r.era.bound)
    extra.push(`_releaseId: {lessThanOrEqualTo: ${lit(String(r.era.bound.upTo))}}`);
  return extra.length ? `, ${extra.join(', ')}}`.replace(/^, /, r.conds.length ? ', ' : '') : '}';
}

function aggregateDraw(ds: MixDataset, dom: Domains, groupBy: string, conds: Cond[]): Draw {
  const b = new Binds();
  const where = [...releaseSql(dom.current, b), ...conds.map((c) => condSql(c, b))];
  const m = q(ds.measure);
  const text =
    `SELECT ${q(groupBy)}, count(*) AS count, avg(${m}) AS avg, min(${m}) AS min, max(${m}) AS max ` +
    `FROM datastore.${q(ds.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ` +
    `GROUP BY ${q(groupBy)} ORDER BY ${q(groupBy)} LIMIT 1000`;
  const rest = [
    `groupBy=${groupBy}`,
    'count',
    `avg=${ds.measure}`,
    `min=${ds.measure}`,
    `max=${ds.measure}`,
    ...restParams(conds),
  ].join('&');
  const filter = conds.length ? `, filter: ${gqlFilter(conds, false, new Set())}` : '';
  const mc = camel(ds.measure);
  const ours = JSON.stringify({
    query: `{ ${ds.gqlName}Aggregate(groupBy: [${constant(groupBy)}]${filter}) { keys { ${camel(groupBy)} } count avg { ${mc} } min { ${mc} } max { ${mc} } } }`,
  });
  return {
    rest: `aggregate?${rest}`,
    sql: [{ text, values: b.values }],
    ours,
    agg: { key: groupBy, measure: ds.measure },
  };
}

const value = (dom: Domains, field: string, pick: Picker) => pick(dom.values[field]!).value;

function year(ds: MixDataset, dom: Domains, pick: Picker): Cond[] {
  const n = dom.periods.length;
  const start = Math.floor(pick([0, 0.2, 0.4, 0.6, 0.8]) * Math.max(1, n - ds.yearSpan));
  const end = Math.min(n - 1, start + ds.yearSpan - 1);
  return [
    { field: ds.period, op: 'gte', value: dom.periods[start]! },
    { field: ds.period, op: 'lte', value: dom.periods[end]! },
  ];
}

const AGGREGATE_SKIP =
  'PostGraphile 5 needs @graphile/pg-aggregates for group-by statistics; the peer runs plain PostGraphile + connection-filter, so aggregates are compared with the bare handler only';

export const MIX_SHAPES: readonly MixShape[] = [
  {
    id: 'eq1',
    title: 'one dimension equality',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, { conds: [{ field: ds.dims[0], op: 'eq', value: value(dom, ds.dims[0], pick) }] }),
  },
  {
    id: 'eq1-period',
    title: 'one dimension equality with a period range',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [{ field: ds.dims[0], op: 'eq', value: value(dom, ds.dims[0], pick) }, ...year(ds, dom, pick)],
      }),
  },
  {
    id: 'eq2',
    title: 'two dimension equalities',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [
          { field: ds.dims[1], op: 'eq', value: value(dom, ds.dims[1], pick) },
          { field: ds.dims[2], op: 'eq', value: value(dom, ds.dims[2], pick) },
        ],
      }),
  },
  {
    id: 'in',
    title: 'an `in` list of three values',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [{ field: ds.dims[1], op: 'in', value: [0, 1, 2].map(() => value(dom, ds.dims[1], pick)) }],
      }),
  },
  {
    id: 'measure-range',
    title: 'a range on a measure (its top tenth) and a dimension',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [
          { field: ds.dims[0], op: 'eq', value: value(dom, ds.dims[0], pick) },
          { field: ds.measure, op: 'gte', value: dom.measureP90 },
        ],
      }),
  },
  {
    id: 'sort-desc',
    title: 'a sort on a measure, descending, over a period range',
    draw: (ds, dom, pick) => rowsDraw(ds, dom, { conds: year(ds, dom, pick), sortDesc: ds.measure }),
  },
  {
    id: 'fields',
    title: 'a `fields` subset, one dimension and a period range',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [{ field: ds.dims[2], op: 'eq', value: value(dom, ds.dims[2], pick) }, ...year(ds, dom, pick)],
        fields: ds.subset,
      }),
  },
  {
    id: 'total',
    title: '`include_total` with two dimension equalities',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [
          { field: ds.dims[0], op: 'eq', value: value(dom, ds.dims[0], pick) },
          { field: ds.dims[1], op: 'eq', value: value(dom, ds.dims[1], pick) },
        ],
        total: true,
      }),
  },
  {
    id: 'deep-cursor',
    title: 'a cursor page deep into one dimension value',
    draw: (ds, dom, pick) => {
      const v = pick(dom.values[ds.dims[0]]!);
      const depth = Math.max(PAGE, Math.min(pick([2000, 3000, 5000]), Math.floor(v.rows * 0.8)));
      const d = rowsDraw(ds, dom, { conds: [{ field: ds.dims[0], op: 'eq', value: v.value }] });
      return { ...d, deep: { depth, filter: { field: ds.dims[0], value: v.value } } };
    },
  },
  {
    id: 'q',
    title: '`q` search for a word of a dimension value',
    draw: (ds, dom, pick) => rowsDraw(ds, dom, { conds: [], search: value(dom, ds.dims[2], pick) }),
  },
  {
    id: 'agg-period',
    title: 'an aggregate by period for one dimension value',
    peerSkip: AGGREGATE_SKIP,
    draw: (ds, dom, pick) =>
      aggregateDraw(ds, dom, ds.period, [
        { field: ds.dims[2], op: 'eq', value: value(dom, ds.dims[2], pick) },
      ]),
  },
  {
    id: 'agg-dim',
    title: 'an aggregate by a dimension over all history',
    peerSkip: AGGREGATE_SKIP,
    draw: (ds, dom, pick) => aggregateDraw(ds, dom, pick([ds.dims[0], ds.dims[1]]), []),
  },
  {
    id: 'as-of',
    title: 'a narrow release-era query (`asOf`) on one dimension value',
    draw: (ds, dom, pick) =>
      rowsDraw(ds, dom, {
        conds: [{ field: ds.dims[0], op: 'eq', value: value(dom, ds.dims[0], pick) }],
        era: pick(dom.eras),
      }),
  },
];
