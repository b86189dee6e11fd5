import type { Server } from 'node:http';
import { expect } from 'chai';
import type pg from 'pg';
import { loadConfig } from '../../src/config';
import { openReadPool, poolReader, type Database, type Statement } from '../../src/db';
import { createApp } from '../../src/http/app';
import { explainAsSent, wastefulNodes } from '../support/plan-check';
import { publishPriceHistory } from '../support/price-history';
import { describe as describeDataset, domains, type MixRole } from '../../bench/lib/mix-domains';
import {
  MIX_SHAPES,
  PAGE,
  picker,
  type Domains,
  type Draw,
  type MixDataset,
  type Picker,
} from '../../bench/lib/mix-shapes';
import { testServer } from '../support/server';

/** A node may discard at most this many times the rows of the answer it helps make. */
const MAX_DISCARD_FACTOR = 20;
const RUNS = 10;
/** 520 weeks × 396 rows: 205,920 rows, enough for a plan that ignores a filter to show. */
const WEEKS = 520;

/**
 * The price history's fields in the roles the mix's shapes draw on, chosen as the mix does
 * for the fiscal figures (a dimension twice): city (1/11 of the rows) and product (1/18).
 * A market is 1/22 of the rows and belongs to one city, so it is left to the two shapes of
 * the plan trap below: one market alone is as well served by walking the reading order as
 * by its index (~20 rows discarded per row either way), and a market with an unrelated city
 * would seldom have rows to check a plan on. `q` has no index, so a rarer term than 1/20
 * would discard more than the bound by its nature (see docs/BENCHMARK-NOTES.md).
 */
const ROLE: Omit<MixRole, 'id'> = {
  dims: ['city', 'product', 'city'],
  measure: 'avg_price',
  subset: ['period', 'market', 'avg_price'],
  yearSpan: 52,
};

const enc = encodeURIComponent;

/** What a shape draws from: the history described as the mix describes a dataset. */
interface Drawn {
  ds: MixDataset;
  dom: Domains;
  /** The history's markets, which no mix dimension covers here. */
  markets: string[];
  /** A deep draw's path, its cursor read from our own first pages. */
  deepPage(d: Draw): Promise<string>;
}

/**
 * The read path's everyday questions: every shape of the workload-mix benchmark
 * (bench/lib/mix-shapes.ts), drawn from this history's own values by the mix's own code,
 * plus the shape issue 15's plan trap was found on.
 */
const SHAPES: Array<[string, (d: Drawn, pick: Picker) => Promise<string> | string]> = [
  ...MIX_SHAPES.map((shape): [string, (d: Drawn, pick: Picker) => Promise<string> | string] => [
    `${shape.id}, ${shape.title}`,
    (d, pick) => {
      const draw = shape.draw(d.ds, d.dom, pick);
      return draw.deep ? d.deepPage(draw) : draw.rest;
    },
  ]),
  // Issue 15's plan trap: a generic plan walked the reading order past ~40,000 rows.
  ...[false, true].map((ranged): [string, (d: Drawn, pick: Picker) => string] => [
    `market and product${ranged ? ' in one year' : ''} (the plan trap of issue 15)`,
    ({ dom, markets }, pick) => {
      const market = enc(pick(markets));
      const product = enc(pick(dom.values.product!).value);
      const y = pick([2016, 2018, 2020, 2022, 2024]);
      return `rows?market=${market}&product=${product}${ranged ? `&period[gte]=${y}-W01&period[lte]=${y}-W52` : ''}`;
    },
  ]),
];

/**
 * Runs every shape through a real app whose read connection is one session, then EXPLAINs
 * the statements of each shape's last run exactly as they were sent: prepared ones through
 * EXECUTE, so a plan the session's plan cache settled on is the plan checked.
 */
describe('read plans on PostgreSQL', function () {
  this.timeout(180_000);
  let drawn: Drawn;
  let server: Server;
  let url = '';
  let pool: pg.Pool;
  const sent: Statement[] = [];
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => {
    if (q.sql.includes('"datastore"')) sent.push({ text: q.sql, values: q.bindings ?? [] });
  };

  before(async function () {
    // Embedded PGlite runs every read unnamed (it has no plan cache to settle on a plan)
    // and its single in-process connection cannot be watched from a second session: plans
    // are a server PostgreSQL matter.
    if (!process.env.DATABASE_URL) this.skip();
    const { db } = await testServer();
    const history = await publishPriceHistory('read-plans', WEEKS);
    const described = await describeDataset(db, { id: history.id, ...ROLE });
    // Autovacuum analyses a table this size within a minute of the load; the test does not wait.
    await db.knex.raw('ANALYZE datastore.??', [described.table]);

    const config = loadConfig({
      ...process.env,
      LOG_REQUESTS: 'false',
      WATCHDOG_BLOCKED_MS: '0',
      REST_RESPONSE_CACHE: 'false',
    });
    pool = openReadPool(config, 1);
    const dom = await domains(db, pool, described);
    const read = poolReader(pool);
    const recorded: Database = {
      ...db,
      read: (s) => {
        sent.push(s);
        return read(s);
      },
    };
    db.knex.on('query', onQuery);
    const app = createApp({ db: recorded, config, now: () => new Date() });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1/datasets/${history.id}/`;
    drawn = {
      ds: { ...described, peerField: '' },
      dom,
      markets: history.markets,
      async deepPage({ deep }) {
        const { depth, filter } = deep!;
        const first = (await (
          await fetch(`${url}rows?${filter.field}=${enc(filter.value)}&limit=${depth}`)
        ).json()) as { links: { next: string } };
        return `rows?${first.links.next.split('?')[1]!.replace(`limit=${depth}`, `limit=${PAGE}`)}`;
      },
    };
  });

  after(async () => {
    if (!server) return;
    const { db } = await testServer();
    db.knex.off('query', onQuery);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  });

  for (const [shape, draw] of SHAPES) {
    it(`${shape}: no plan discards more than ${MAX_DISCARD_FACTOR}× the rows of its answer`, async () => {
      const pick = picker(shape.length);
      let last: Statement[] = [];
      for (let i = 0; i < RUNS; i++) {
        sent.length = 0;
        const res = await fetch(url + (await draw(drawn, pick)));
        expect(res.status, await res.clone().text()).to.equal(200);
        const body = (await res.json()) as { data: unknown[] };
        expect(body.data).to.not.be.empty;
        last = [...sent];
      }
      expect(last).to.not.be.empty;
      const client = await pool.connect();
      try {
        for (const s of last) {
          const plan = await explainAsSent(client, s);
          expect(
            wastefulNodes(plan, MAX_DISCARD_FACTOR),
            `${s.text}\n${JSON.stringify(s.values)}`,
          ).to.deep.equal([]);
        }
        // The session never settled on a generic plan for any statement it prepared.
        const generic = await client.query(
          'SELECT statement FROM pg_prepared_statements WHERE generic_plans > 0',
        );
        expect(generic.rows).to.deep.equal([]);
      } finally {
        client.release();
      }
    });
  }
});
