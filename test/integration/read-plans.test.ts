import type { Server } from 'node:http';
import { expect } from 'chai';
import type pg from 'pg';
import { loadConfig } from '../../src/config';
import { openReadPool, poolReader, type Database, type Statement } from '../../src/db';
import { createApp } from '../../src/http/app';
import { explainAsSent, wastefulNodes } from '../support/plan-check';
import { publishPriceHistory, seeded, type PriceHistory } from '../support/price-history';
import { testServer } from '../support/server';

/** A node may discard at most this many times the rows of the answer it helps make. */
const MAX_DISCARD_FACTOR = 20;
const RUNS = 10;
/** 520 weeks × 396 rows: 205,920 rows, enough for a plan that ignores a filter to show. */
const WEEKS = 520;

type Draw = (h: PriceHistory, pick: <T>(xs: readonly T[]) => T) => string;

const year = (pick: <T>(xs: readonly T[]) => T) => {
  const y = pick([2016, 2018, 2020, 2022, 2024]);
  return `period[gte]=${y}-W01&period[lte]=${y}-W52`;
};
const enc = encodeURIComponent;

/**
 * The read path's everyday questions (issue 15's mix), each a function that draws a
 * request's parameters from the data's own values.
 */
const SHAPES: Record<string, Draw> = {
  'one dimension equality': (h, pick) => `rows?city=${pick(h.cities)}`,
  'one dimension equality with a period range': (h, pick) => `rows?city=${pick(h.cities)}&${year(pick)}`,
  // The shape of issue 15's plan trap: under a generic plan it walked the reading order.
  'two dimension equalities': (h, pick) =>
    `rows?market=${enc(pick(h.markets))}&product=${enc(pick(h.products))}`,
  'two dimension equalities with a period range': (h, pick) =>
    `rows?market=${enc(pick(h.markets))}&product=${enc(pick(h.products))}&${year(pick)}`,
  'an in list': (h, pick) => `rows?market[in]=${[0, 1, 2].map(() => enc(pick(h.markets))).join(',')}`,
  'a range on a measure (the top tenth)': () => `rows?avg_price[gte]=${TOP_TENTH}`,
  'a sort on a measure, descending': (h, pick) => `rows?sort=-avg_price&${year(pick)}`,
  'a fields subset': (h, pick) =>
    `rows?fields=period,market,avg_price&product=${enc(pick(h.products))}&${year(pick)}`,
  include_total: (h, pick) =>
    `rows?city=${pick(h.cities)}&product=${enc(pick(h.products))}&include_total=true`,
  'a cursor page deep into the result': () => DEEP_PAGE,
  'q search': () => `rows?q=${enc('猪肉')}`,
  'an aggregate by period': (h, pick) =>
    `aggregate?groupBy=period&avg=avg_price&min=min_price&max=max_price&product=${enc(pick(h.products))}`,
  'an aggregate by a dimension over all history': () => `aggregate?groupBy=city&count&avg=avg_price`,
  'an asOf query': (h, pick) =>
    `rows?city=${pick(h.cities)}&asOf=${enc(h.publishAt[Math.floor(h.weeks.length / 2)]!.toISOString())}`,
};
let TOP_TENTH = '';
let DEEP_PAGE = '';

/**
 * Runs every shape through a real app whose read connection is one session, then EXPLAINs
 * the statements of each shape's last run exactly as they were sent: prepared ones through
 * EXECUTE, so a plan the session's plan cache settled on is the plan checked.
 */
describe('read plans on PostgreSQL', function () {
  this.timeout(180_000);
  let history: PriceHistory;
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
    history = await publishPriceHistory('read-plans', WEEKS);
    const table = (await db.knex('schema_versions').where({ dataset_id: history.id }).first('storage_table'))
      .storage_table as string;
    // Autovacuum analyses a table this size within a minute of the load; the test does not wait.
    await db.knex.raw('ANALYZE datastore.??', [table]);
    TOP_TENTH = (
      await db.knex.raw(
        'SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY avg_price) AS p FROM datastore.??',
        [table],
      )
    ).rows[0].p;

    const config = loadConfig({
      ...process.env,
      LOG_REQUESTS: 'false',
      WATCHDOG_BLOCKED_MS: '0',
      REST_RESPONSE_CACHE: 'false',
    });
    pool = openReadPool(config, 1);
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
    const city = history.cities[3]!;
    const first = (await (await fetch(`${url}rows?city=${city}&limit=5000`)).json()) as {
      links: { next: string };
    };
    DEEP_PAGE = `rows?${first.links.next.split('?')[1]!.replace('limit=5000', 'limit=100')}`;
  });

  after(async () => {
    if (!server) return;
    const { db } = await testServer();
    db.knex.off('query', onQuery);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  });

  for (const [shape, draw] of Object.entries(SHAPES)) {
    it(`${shape}: no plan discards more than ${MAX_DISCARD_FACTOR}× the rows of its answer`, async () => {
      const pick = (() => {
        const random = seeded(shape.length);
        return <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      })();
      let last: Statement[] = [];
      for (let i = 0; i < RUNS; i++) {
        sent.length = 0;
        const res = await fetch(url + draw(history, pick));
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
