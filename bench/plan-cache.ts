import pg from 'pg';
import type { Database, Statement } from '../src/db';
import { queryRows, type RawFilter, type RawRowQuery } from '../src/query';
import { SCALED_ID, scaledPricesDatabase } from './lib/scaled-prices';
import { fmt, median } from './lib/stats';
import { CITIES } from './lib/synthetic';
import { AGRI_MARKETS, AGRI_PRODUCTS } from '../src/notice';

/**
 * `npx tsx bench/plan-cache.ts`: what each way of running the read path's page statements
 * costs on the 2M-row weekly price dataset, one connection, one statement at a time (a
 * pgbench-like loop, no HTTP). The statements are the ones the real planner writes (captured
 * from `queryRows`), with parameters drawn from the data's value domains by a fixed seed.
 *
 * Modes: named statements with PostgreSQL's default plan cache (`auto`: a generic plan after
 * five runs when it looks no worse), named with `force_custom_plan`, unnamed statements
 * (parsed and planned every time), and named with `force_generic_plan` (the trap, always).
 * Rounds rotate which mode goes first. The database (PLAN_DB, default bench_plans) is
 * created and loaded on first use and kept; drop it by hand when done.
 */
const DB_NAME = process.env.PLAN_DB ?? 'bench_plans';
const RUNS = Number(process.env.PLAN_RUNS ?? 120);
const ROUNDS = Number(process.env.PLAN_ROUNDS ?? 3);

/** mulberry32: a small seeded generator, so every run draws the same parameters. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(15);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const pad3 = (n: number) => String(n).padStart(3, '0');
const PRODUCTS = ['猪肉', ...Array.from({ length: 19 }, (_, k) => `品种${pad3(k + 1)}`)];
const MARKETS = Array.from({ length: 20 }, (_, m) => `市场${pad3(m)}`);
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

const eq = (field: string, value: string): RawFilter => ({ field, op: 'eq', value });
const year = (): RawFilter[] => {
  const y = pick(YEARS);
  return [
    { field: 'period', op: 'gte', value: `${y}-W01` },
    { field: 'period', op: 'lte', value: `${y}-W52` },
  ];
};
const rows = (filters: RawFilter[], more: Partial<RawRowQuery> = {}): RawRowQuery => ({
  filters,
  limit: 100,
  includeTotal: false,
  ...more,
});

interface Shape {
  dataset: string;
  draw: () => RawRowQuery;
  /** Start 5,000 rows into the result (a cursor page). */
  deep?: boolean;
  /** Too slow without the right index to repeat thousands of times: EXPLAINed only. */
  explainOnly?: boolean;
}

const B = SCALED_ID;
/** The seeded agri-prices dataset: markets belong to cities, 22 markets × 18 products. */
const A = 'agri-prices';
const AGRI_CITIES = AGRI_MARKETS.map((m) => m.city).filter((c, i, all) => all.indexOf(c) === i);
const AGRI_NAMES = AGRI_PRODUCTS.map((p) => p.name);
const AGRI_MARKET_NAMES = AGRI_MARKETS.map((m) => m.name);

const SHAPES: Record<string, Shape> = {
  '2M: city, no period range': { dataset: B, draw: () => rows([eq('city', pick(CITIES))]) },
  '2M: city, one year': { dataset: B, draw: () => rows([eq('city', pick(CITIES)), ...year()]) },
  '2M: city + product, no range': {
    dataset: B,
    draw: () => rows([eq('city', pick(CITIES)), eq('product', pick(PRODUCTS))]),
  },
  '2M: market + product, one year': {
    dataset: B,
    draw: () => rows([eq('market', pick(MARKETS)), eq('product', pick(PRODUCTS)), ...year()]),
  },
  '2M: product in 3, no range': {
    dataset: B,
    draw: () => rows([{ field: 'product', op: 'in', value: [0, 1, 2].map(() => pick(PRODUCTS)).join(',') }]),
  },
  '2M: avg_price >= x (top ~5%)': {
    dataset: B,
    draw: () => rows([{ field: 'avg_price', op: 'gte', value: String(52 + Math.floor(random() * 3)) }]),
  },
  '2M: sort -avg_price': { dataset: B, draw: () => rows([], { sort: '-avg_price' }), explainOnly: true },
  '2M: product, sort -avg_price': {
    dataset: B,
    draw: () => rows([eq('product', pick(PRODUCTS))], { sort: '-avg_price' }),
    explainOnly: true,
  },
  '2M: fields subset, city, one year': {
    dataset: B,
    draw: () => rows([eq('city', pick(CITIES)), ...year()], { fields: ['period', 'market', 'avg_price'] }),
  },
  '2M: city + product, one year': {
    dataset: B,
    draw: () => rows([eq('city', pick(CITIES)), eq('product', pick(PRODUCTS)), ...year()]),
  },
  '2M: no filter, first page': { dataset: B, draw: () => rows([]) },
  '2M: city, page 51 (cursor)': { dataset: B, draw: () => rows([eq('city', pick(CITIES))]), deep: true },
  'agri: market + product, no range': {
    dataset: A,
    draw: () => rows([eq('market', pick(AGRI_MARKET_NAMES)), eq('product', pick(AGRI_NAMES))]),
  },
  'agri: city + product, no range': {
    dataset: A,
    draw: () => rows([eq('city', pick(AGRI_CITIES)), eq('product', pick(AGRI_NAMES))]),
  },
  'agri: market, no range': { dataset: A, draw: () => rows([eq('market', pick(AGRI_MARKET_NAMES))]) },
  'agri: city + product, one year': {
    dataset: A,
    draw: () => rows([eq('city', pick(AGRI_CITIES)), eq('product', pick(AGRI_NAMES)), ...year()]),
  },
};

/** The page statement the server would send for `raw` (captured, not run), past a deep cursor if asked. */
async function statementFor(db: Database, shape: Shape): Promise<Statement> {
  const now = new Date();
  const raw = shape.draw();
  let cursor: string | undefined;
  if (shape.deep)
    cursor = (await queryRows(db, shape.dataset, { ...raw, limit: 5000 }, now)).nextCursor ?? undefined;
  let captured: Statement | undefined;
  const capture: Database = {
    ...db,
    read: async (s) => {
      captured = s;
      return [];
    },
  };
  await queryRows(capture, shape.dataset, { ...raw, cursor }, now);
  return captured!;
}

type Mode = 'named, auto' | 'named, force_custom_plan' | 'unnamed' | 'named, force_generic_plan';
const MODES: Record<Mode, { name: boolean; setting: string }> = {
  'named, auto': { name: true, setting: 'auto' },
  'named, force_custom_plan': { name: true, setting: 'force_custom_plan' },
  unnamed: { name: false, setting: 'auto' },
  'named, force_generic_plan': { name: true, setting: 'force_generic_plan' },
};

async function connect(url: string, setting: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, options: `-c plan_cache_mode=${setting}` });
  await c.connect();
  return c;
}

/** Rows a plan's nodes threw away (filters, rechecks, join filters), summed over the tree. */
function discarded(node: Record<string, unknown>): number {
  let n = 0;
  for (const k of ['Rows Removed by Filter', 'Rows Removed by Index Recheck', 'Rows Removed by Join Filter'])
    n += ((node[k] as number | undefined) ?? 0) * ((node['Actual Loops'] as number | undefined) ?? 1);
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) n += discarded(child);
  return n;
}

/**
 * Planning and execution time of the custom plan, execution time of the generic plan and
 * the rows each discarded, as medians over a few of the shape's statements. Each statement
 * runs twice first on the same connection, so caches are warm, as on a busy server.
 */
async function explainShape(custom: pg.Client, generic: pg.Client, list: Statement[], id: number) {
  const samples = list.slice(0, 5);
  const plan: number[] = [];
  const exec: number[] = [];
  const gen: number[] = [];
  const lost: number[] = [];
  const genLost: number[] = [];
  for (const [i, s] of samples.entries()) {
    for (let k = 0; k < 2; k++) await custom.query({ text: s.text, values: s.values });
    const c = (await custom.query({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, values: s.values }))
      .rows[0]['QUERY PLAN'][0];
    plan.push(c['Planning Time']);
    exec.push(c['Execution Time']);
    lost.push(discarded(c.Plan));
    const name = `g${id}_${i}`;
    for (let k = 0; k < 2; k++) await generic.query({ name, text: s.text, values: s.values });
    const lit = s.values.map((v) => generic.escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v)));
    const g = (await generic.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${lit.join(', ')})`))
      .rows[0]['QUERY PLAN'][0];
    gen.push(g['Execution Time']);
    genLost.push(discarded(g.Plan));
  }
  return {
    planMs: median(plan),
    customMs: median(exec),
    customLost: median(lost),
    genericMs: median(gen),
    genericLost: median(genLost),
  };
}

async function main() {
  const { url, db } = await scaledPricesDatabase(DB_NAME);
  const names = Object.keys(SHAPES);
  const timed = names.filter((n) => !SHAPES[n]!.explainOnly);
  // The same drawn statements for every mode.
  const work = new Map<string, Statement[]>();
  for (const shape of names) {
    const list: Statement[] = [];
    for (let i = 0; i < RUNS; i++) list.push(await statementFor(db, SHAPES[shape]!));
    work.set(shape, list);
  }
  console.log(`${names.length} shapes × ${RUNS} runs × ${ROUNDS} rounds per mode, one connection each`);
  const times = new Map<string, number[]>();
  const clients = new Map<Mode, { c: pg.Client; ids: Map<string, string> }>();
  const modes = Object.keys(MODES) as Mode[];
  for (const m of modes) clients.set(m, { c: await connect(url, MODES[m].setting), ids: new Map() });
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(k + round) % modes.length]!;
      const { c, ids } = clients.get(mode)!;
      for (const shape of timed) {
        const list = times.get(`${mode}|${shape}`) ?? [];
        for (const s of work.get(shape)!) {
          let name: string | undefined;
          if (MODES[mode].name) {
            name = ids.get(s.text);
            if (!name) ids.set(s.text, (name = `read_${ids.size + 1}`));
          }
          const t = process.hrtime.bigint();
          await c.query({ text: s.text, values: s.values, name, rowMode: 'array' });
          list.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        times.set(`${mode}|${shape}`, list);
      }
    }
  }
  for (const { c } of clients.values()) await c.end();

  console.log(`\n| shape | ${modes.join(' | ')} |`);
  console.log(`| --- | ${modes.map(() => '---').join(' | ')} |`);
  const totals = new Map<Mode, number[]>();
  for (const shape of timed) {
    const cells = modes.map((m) => {
      const xs = times.get(`${m}|${shape}`)!;
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      totals.set(m, [...(totals.get(m) ?? []), mean]);
      return `${fmt(mean, 3)} / ${fmt(median(xs), 3)}`;
    });
    console.log(`| ${shape} | ${cells.join(' | ')} |`);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const geo = (xs: number[]) => Math.exp(sum(xs.map(Math.log)) / xs.length);
  console.log(`| sum of means | ${modes.map((m) => fmt(sum(totals.get(m)!), 3)).join(' | ')} |`);
  console.log(`| geometric mean of means | ${modes.map((m) => fmt(geo(totals.get(m)!), 3)).join(' | ')} |`);
  console.log('(ms per execution, client-side: mean / median)');

  console.log(
    '\n| shape | planning, custom (ms) | execution, custom (ms) | rows discarded, custom | execution, generic (ms) | rows discarded, generic |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const custom = await connect(url, 'force_custom_plan');
  const generic = await connect(url, 'force_generic_plan');
  for (const [id, shape] of names.entries()) {
    const ex = await explainShape(custom, generic, work.get(shape)!, id);
    console.log(
      `| ${shape} | ${fmt(ex.planMs, 3)} | ${fmt(ex.customMs, 3)} | ${ex.customLost} | ${fmt(ex.genericMs, 3)} | ${ex.genericLost} |`,
    );
  }
  await custom.end();
  await generic.end();
  await db.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
