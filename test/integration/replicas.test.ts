import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { startChildServer, type ChildServer } from '../support/child-server';
import { replicaSkipReason, startReplicaCluster, type ReplicaCluster } from '../support/replica-cluster';

const ADMIN = 'replica-test-admin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = `r${Date.now().toString(36)}`;
const ID = `replica-${tag}`;
const ROOT = `replica${tag.charAt(0).toUpperCase()}${tag.slice(1)}Counts`;
const auth = { authorization: `Bearer ${ADMIN}` };

function psql(url: string, sql: string): string {
  return execFileSync('psql', [url, '-Atqc', sql], { encoding: 'utf8' }).trim();
}

async function call(server: ChildServer, path: string, init: RequestInit = {}) {
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function labels(server: ChildServer, period: string, limit = 100): Promise<string[]> {
  const res = await call(server, `/api/v1/datasets/${ID}/rows?period=${period}&sort=label&limit=${limit}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.data.map((r: { label: string }) => r.label);
}

async function graphqlLabels(server: ChildServer, period: string): Promise<string[]> {
  const res = await call(server, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ ${ROOT}(filter: { period: { eq: "${period}" } }) { nodes { label } } }`,
    }),
  });
  expect(res.body.errors, JSON.stringify(res.body.errors)).to.equal(undefined);
  return res.body.data[ROOT].nodes.map((r: { label: string }) => r.label).sort();
}

async function publish(server: ChildServer, period: string, rows: string[], publishAt?: Date) {
  const qs = new URLSearchParams({ period, ...(publishAt ? { publishAt: publishAt.toISOString() } : {}) });
  const res = await call(server, `/api/v1/datasets/${ID}/releases?${qs.toString()}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: ['period,label', ...rows.map((l) => `${period},${l}`)].join('\n') + '\n',
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
}

/** Polls until `probe` returns `want`; the milliseconds it took. */
async function until(probe: () => Promise<string[]>, want: string[], withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const got = await probe();
    if (JSON.stringify(got) === JSON.stringify(want)) return Date.now() - started;
    if (Date.now() - started > withinMs) expect(got, `after ${withinMs} ms`).to.deep.equal(want);
    await sleep(25);
  }
}

describe('two API processes, a primary and a streaming replica (pg_basebackup)', function () {
  this.timeout(600_000);
  let cluster: ReplicaCluster | undefined;
  let db = '';
  let a: ChildServer;
  let b: ChildServer;

  before(async function () {
    const skip = replicaSkipReason();
    if (skip) {
      console.log(`      skipped: ${skip}`);
      this.skip();
    }
    cluster = await startReplicaCluster(process.env.DATABASE_URL!);
    if (cluster.privatePrimary) {
      console.log(
        '      (the local server refuses replication connections from 127.0.0.1 — pg_hba.conf has no ' +
          '"replication" line — so the primary is a private initdb cluster)',
      );
    }
    db = `scale_replica_${Date.now()}`;
    psql(cluster.primaryUrl, `CREATE DATABASE ${db}`);
    const env = {
      DATABASE_URL: cluster.primaryUrl.replace(/\/postgres$/, `/${db}`),
      DATABASE_REPLICA_URLS: cluster.replicaUrl.replace(/\/postgres$/, `/${db}`),
      ADMIN_TOKEN: ADMIN,
      SEED_ON_START: 'false',
      WATCHDOG_BLOCKED_MS: '0',
    };
    a = await startChildServer(env);
    b = await startChildServer(env);
    const created = await call(a, '/api/v1/datasets', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: ID,
        title: { zh: '副本测试', en: 'Replica test' },
        description: { zh: '测试', en: 'test' },
        agencies: ['sx-agriculture'],
        legalBasis: '晋政办发〔2017〕50号',
        clause: '三(五)',
        cadence: 'monthly',
        dueRule: { offset: 'P10D', time: '09:00' },
        licence: 'CC-BY-4.0',
        themes: [],
        tags: [],
        graphqlName: ROOT,
      }),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const schema = await call(a, `/api/v1/datasets/${ID}/schema/versions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: [
          { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } },
          { name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } },
        ],
        primaryKey: ['period', 'label'],
      }),
    });
    expect(schema.status, JSON.stringify(schema.body)).to.equal(201);
    await publish(a, '2021-01', ['甲', '乙']);
  });

  after(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    if (cluster && db) psql(cluster.primaryUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    cluster?.stop();
  });

  it('sends row reads to the replica', async () => {
    // A table only the row reads touch: its name in the replica's sessions shows where they ran.
    const table = psql(
      cluster!.primaryUrl.replace(/\/postgres$/, `/${db}`),
      `SELECT storage_table FROM schema_versions WHERE dataset_id = '${ID}'`,
    ).replace(/^.*\./, '');
    // Right after a snapshot load the replica may not be known to have replayed that far
    // (it is sampled every 100 ms); such reads go to the primary, later ones to the replica.
    const onReplica = () =>
      Number(
        psql(
          cluster!.replicaUrl,
          `SELECT count(*) FROM pg_stat_activity WHERE datname = '${db}' AND query LIKE '%${table}%'`,
        ),
      );
    for (let i = 0; i < 20 && onReplica() < 2; i++) {
      // A new limit each time: a repeated request would be answered from the response cache.
      for (const server of [a, b])
        expect(await labels(server, '2021-01', 50 + i)).to.deep.equal(['乙', '甲'].sort());
      await sleep(150);
    }
    // Both processes' read pools hold sessions on the replica whose last statement read the rows.
    expect(onReplica()).to.be.at.least(2);
  });

  it('shows a publish on process A in process B (REST and GraphQL, caches on) within 1 s', async () => {
    // Warm B's caches with the state before, so only invalidation can make it see the new one.
    expect(await labels(b, '2021-02')).to.deep.equal([]);
    expect(await labels(b, '2021-02')).to.deep.equal([]);
    expect(await graphqlLabels(b, '2021-02')).to.deep.equal([]);
    await publish(a, '2021-02', ['丙', '丁']);
    const want = ['丁', '丙'].sort();
    const rest = await until(() => labels(b, '2021-02'), want, 1_000);
    const graphql = await until(() => graphqlLabels(b, '2021-02'), want, 1_000);
    console.log(`      B saw the publish after ${rest} ms (REST) and ${graphql} ms more (GraphQL)`);
  });

  it('lets the publisher read its own write at once', async () => {
    await publish(a, '2021-03', ['戊']);
    expect(await labels(a, '2021-03')).to.deep.equal(['戊']);
  });

  it('lifts an embargo on both processes at publishAt', async () => {
    const publishAt = new Date(Date.now() + 3_000);
    for (const s of [a, b]) expect(await labels(s, '2021-04')).to.deep.equal([]);
    await publish(a, '2021-04', ['己'], publishAt);
    for (const s of [a, b]) expect(await labels(s, '2021-04')).to.deep.equal([]);
    expect(Date.now()).to.be.below(publishAt.getTime());
    await sleep(publishAt.getTime() - Date.now());
    for (const s of [a, b]) await until(() => labels(s, '2021-04'), ['己'], 1_000);
    for (const s of [a, b]) expect(await graphqlLabels(s, '2021-04')).to.deep.equal(['己']);
  });
});
