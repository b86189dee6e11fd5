import http from 'node:http';
import { expect } from 'chai';
import pg from 'pg';
import { MAX_CANCEL_CONNECTIONS } from '../../src/db';
import { testServer } from '../support/server';

const DS = 'fiscal-revenue-expenditure';

interface Ask {
  what: string;
  path: string;
  body?: object;
}

/** Each read path that runs a dataset's rows; no two ask the same, so no cache answers one from another. */
const ASKS: Ask[] = [
  {
    what: 'a REST page with its total',
    path: `/api/v1/datasets/${DS}/rows?item=税收收入&region=140100&include_total=true`,
  },
  {
    what: 'a REST aggregate',
    path: `/api/v1/datasets/${DS}/aggregate?groupBy=region&sum=amount&item=非税收入`,
  },
  {
    what: 'a GraphQL page',
    path: '/graphql',
    body: {
      query:
        '{ fiscalRevenueExpenditure(first: 5, filter: { item: { eq: "一般公共预算收入" }, region: { eq: "140200" } }) { nodes { period } } }',
    },
  },
  {
    what: 'a CKAN datastore_search',
    path: '/api/3/action/datastore_search',
    body: { resource_id: DS, filters: { item: '税收收入', region: '140300' } },
  },
];

/** Sends the request and keeps it open; `hangUp` closes the connection like a closed browser tab. */
function send(url: string, ask: Ask): { hangUp(): void; answered: Promise<number> } {
  const req = http.request(url + ask.path, {
    agent: false,
    method: ask.body ? 'POST' : 'GET',
    headers: ask.body ? { 'content-type': 'application/json' } : {},
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  answered.catch(() => undefined);
  req.end(ask.body ? JSON.stringify(ask.body) : undefined);
  return { hangUp: () => req.destroy(), answered };
}

async function until(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a read its client abandons', function () {
  this.timeout(120_000);
  let admin: pg.Client;
  let locker: pg.Client;
  let table: string;
  let tableName: string;

  before(async function () {
    // PGlite runs one statement at a time inside this process: none can be stopped midway,
    // and no other session could hold the lock these tests wait on.
    if (!process.env.DATABASE_URL) this.skip();
    const { db } = await testServer();
    const version = await db
      .knex('schema_versions')
      .where({ dataset_id: DS })
      .orderBy('version', 'desc')
      .first('storage_table');
    tableName = String(version.storage_table);
    table = `datastore."${tableName}"`;
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([admin.connect(), locker.connect()]);
  });

  after(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    await Promise.all([admin?.end(), locker?.end()]);
  });

  /** Statements on the dataset's table still running on the server (the test's own excluded). */
  async function running(): Promise<number> {
    const r = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
          AND query LIKE $1`,
      [`%${tableName}%`],
    );
    return r.rows[0]!.n;
  }

  for (const ask of ASKS) {
    it(`stops ${ask.what} on the database as soon as the client hangs up`, async () => {
      const { url } = await testServer();
      // Held by another session, the lock keeps the statement waiting for as long as it is held.
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      try {
        const request = send(url, ask);
        await until(`${ask.what} reaching the database`, 10_000, async () => (await running()) > 0);
        await new Promise((r) => setTimeout(r, 300));
        expect(await running(), 'a statement waits while its client is there').to.be.greaterThan(0);
        request.hangUp();
        await until(`${ask.what} cancelled, the lock still held`, 5_000, async () => (await running()) === 0);
      } finally {
        await locker.query('ROLLBACK');
      }
    });
  }

  it('cancels a burst of hang-ups over no more connections of its own than its bound', async () => {
    const { url } = await testServer();
    const regions = ['140100', '140200', '140300', '140400', '140500', '140600', '140700', '140800'];
    const burst = regions.map((region) => ({
      what: region,
      path: `/api/v1/datasets/${DS}/rows?item=一般公共预算收入&region=${region}`,
    }));
    const sessions = async () =>
      (
        await admin.query<{ n: number }>(
          'SELECT sessions::int AS n FROM pg_stat_database WHERE datname = current_database()',
        )
      ).rows[0]!.n;
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    try {
      const requests = burst.map((ask) => send(url, ask));
      await until('the burst reaching the database', 10_000, async () => (await running()) === burst.length);
      const before = await sessions();
      for (const r of requests) r.hangUp();
      await until('the burst cancelled, the lock still held', 10_000, async () => (await running()) === 0);
      // A session is counted when it ends; give the last cancel connection time to close.
      await new Promise((r) => setTimeout(r, 500));
      const opened = (await sessions()) - before;
      expect(opened).to.be.within(1, MAX_CANCEL_CONNECTIONS);
    } finally {
      await locker.query('ROLLBACK');
    }
  });

  it('answers every one of them as before once the client stays, on a pool that lost no connection', async () => {
    const { url } = await testServer();
    // More than the pool holds, all at once: a connection the hang-ups left behind would block them.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => send(url, ASKS[i % ASKS.length]!).answered),
    );
    expect(answers).to.deep.equal(answers.map(() => 200));
  });
});
