import type { Server } from 'node:http';
import { expect } from 'chai';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { assertMatchesSpec } from '../support/openapi';
import { testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';
import { adminHeaders } from '../support/auth';

const HOUR = 3_600_000;

/** An app on the test database whose clock can be moved ahead, so an embargo lifts without waiting. */
async function appWithClock(restResponseCache: boolean) {
  const { db } = await testServer();
  const config = loadConfig({
    ...process.env,
    LOG_REQUESTS: 'false',
    WATCHDOG_BLOCKED_MS: '0',
    REST_RESPONSE_CACHE: String(restResponseCache),
  });
  const clock = { aheadMs: 0 };
  const app = createApp({ db, config, now: () => new Date(Date.now() + clock.aheadMs) });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, { headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { clock, get, close };
}

const FIELDS = [
  { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
  { name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } },
];

/** Rows of one month: every city's value is `base` plus its index. */
const monthRows = (base: number) =>
  ['140100', '140200', '140300'].map((city, i) => ({ city, value: String(base + i) }));

const values = (body: { data: Array<{ value: number }> }) => body.data.map((r) => r.value);

describe('REST response cache', function () {
  this.timeout(120_000);

  describe('on (the default)', () => {
    let ctx: Awaited<ReturnType<typeof appWithClock>>;
    let id: string;

    before(async () => {
      ctx = await appWithClock(true);
      id = await createTinyDataset('rest-cache', FIELDS, ['period', 'city']);
      await publishTiny(id, '2020-01', monthRows(10));
      await publishTiny(id, '2020-02', monthRows(20));
    });
    after(() => ctx.close());

    it('answers a repeated request from memory, whatever the order of its parameters', async () => {
      const first = await ctx.get(
        `/api/v1/datasets/${id}/rows?value[gte]=11&limit=2&value[lte]=21&sort=-value`,
      );
      expect(first.status).to.equal(200);
      expect(first.headers.get('x-cache')).to.equal('miss');
      const again = await ctx.get(
        `/api/v1/datasets/${id}/rows?sort=-value&value[lte]=21&limit=2&value[gte]=11`,
      );
      expect(again.status).to.equal(200);
      expect(again.headers.get('x-cache')).to.equal('hit');
      assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, again.body);
      expect(again.body.data).to.deep.equal(first.body.data);
      expect(values(again.body)).to.deep.equal([21, 20]);
      expect(again.headers.get('etag')).to.be.a('string').and.not.equal(first.headers.get('etag'));
      expect(again.body.meta.dataVersion).to.equal(first.body.meta.dataVersion);
      // Links and the citation name the request that was made, not the one that filled the cache.
      expect(again.body.links.self).to.equal(
        `/api/v1/datasets/${id}/rows?sort=-value&value[lte]=21&limit=2&value[gte]=11`,
      );
      expect(again.body.meta.citation.url).to.include('sort=-value&value');
      // The cached cursor is valid for the request it was served to: filters in another order
      // are the same query.
      const next = await ctx.get(again.body.links.next);
      expect(next.status).to.equal(200);
      expect(values(next.body)).to.deep.equal([12, 11]);
    });

    it('says on every hit the instant it was served at, and shows a new status mark at once', async () => {
      const path = `/api/v1/datasets/${id}/rows?city=140300&limit=5`;
      const miss = await ctx.get(path);
      const hits = [];
      for (const aheadMs of [0, 1_234, 61_000]) {
        ctx.clock.aheadMs = aheadMs;
        const before = Date.now() + aheadMs;
        const hit = await ctx.get(path);
        expect(hit.headers.get('x-cache')).to.equal('hit');
        const asOf = Date.parse(hit.body.meta.asOf);
        expect(asOf).to.be.within(before, Date.now() + aheadMs);
        // The citation names the instant in words and in its reproducing URL.
        expect(hit.body.meta.citation.text).to.include(`as of ${hit.body.meta.asOf}.`);
        expect(new URL(hit.body.meta.citation.url, 'http://x').searchParams.get('asOf')).to.equal(
          hit.body.meta.asOf,
        );
        assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, hit.body);
        hits.push(hit);
      }
      ctx.clock.aheadMs = 0;
      const timeless = (b: any) => ({
        ...b,
        meta: { ...b.meta, asOf: undefined, citation: undefined },
      });
      for (const hit of hits) expect(timeless(hit.body)).to.deep.equal(timeless(miss.body));
      // The reproducing URL reads the same rows.
      const cited = await ctx.get(hits[2]!.body.meta.citation.url);
      expect(cited.body.data).to.deep.equal(miss.body.data);

      const marked = await fetch(`${(await testServer()).url}/api/v1/datasets/${id}/status`, {
        method: 'PUT',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'repealed', date: '2020-05-01', reason: '已废止' }),
      });
      expect(marked.status).to.equal(200);
      const after = await ctx.get(path);
      expect(after.body.meta.datasetStatus).to.deep.include({ status: 'repealed', reason: '已废止' });
      expect(after.body.data).to.deep.equal(miss.body.data);
      const restored = await fetch(`${(await testServer()).url}/api/v1/datasets/${id}/status`, {
        method: 'PUT',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'active' }),
      });
      expect(restored.status).to.equal(200);
      expect((await ctx.get(path)).body.meta.datasetStatus).to.deep.include({ status: 'active' });
    });

    it('caches aggregates the same way', async () => {
      const path = `/api/v1/datasets/${id}/aggregate?groupBy=period&sum=value&count`;
      const first = await ctx.get(path);
      const again = await ctx.get(path);
      expect([first.headers.get('x-cache'), again.headers.get('x-cache')]).to.deep.equal(['miss', 'hit']);
      assertMatchesSpec('/api/v1/datasets/{datasetId}/aggregate', 'get', 200, again.body);
      expect(again.body.data).to.deep.equal(first.body.data);
      expect(again.body.meta.groupBy).to.deep.equal(first.body.meta.groupBy);
    });

    it('still answers a conditional GET with 304, from a cached answer too', async () => {
      const path = `/api/v1/datasets/${id}/rows?city=140100`;
      const first = await ctx.get(path);
      const etag = first.headers.get('etag')!;
      const cached = await ctx.get(path, { 'if-none-match': etag });
      expect(cached.status).to.equal(304);
      expect(cached.body).to.equal(undefined);
      const lastModified = first.headers.get('last-modified')!;
      expect((await ctx.get(path, { 'if-modified-since': lastModified })).status).to.equal(304);
      expect((await ctx.get(path, { 'if-none-match': '"other"' })).headers.get('x-cache')).to.equal('hit');
    });

    it('misses after a publish and after a revision, and shows the new data', async () => {
      const path = `/api/v1/datasets/${id}/rows?city=140200`;
      const before = await ctx.get(path);
      expect((await ctx.get(path)).headers.get('x-cache')).to.equal('hit');
      const etag = before.headers.get('etag')!;

      await publishTiny(id, '2020-03', monthRows(30));
      const published = await ctx.get(path, { 'if-none-match': etag });
      expect(published.status).to.equal(200);
      expect(published.headers.get('x-cache')).to.equal('miss');
      expect(values(published.body)).to.deep.equal([...values(before.body), 31]);
      expect(published.body.meta.dataVersion).to.not.equal(before.body.meta.dataVersion);
      // An instant clearly after the publish and before the revision (milliseconds can tie).
      await new Promise((r) => setTimeout(r, 20));
      const between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 20));

      await publishTiny(id, '2020-03', monthRows(300), { reviseReason: '更正' });
      const revised = await ctx.get(path);
      expect(revised.headers.get('x-cache')).to.equal('miss');
      expect(values(revised.body)).to.deep.equal([...values(before.body), 301]);
      // The state before the revision stays readable, and is cached under its own data version.
      const asOf = encodeURIComponent(between);
      const old = await ctx.get(`${path}&asOf=${asOf}`);
      expect(values(old.body)).to.deep.equal(values(published.body));
    });

    it('shows an embargoed release the moment its embargo lifts', async () => {
      const path = `/api/v1/datasets/${id}/aggregate?groupBy=period&count`;
      const publishAt = new Date(Date.now() + HOUR);
      await publishTiny(id, '2020-04', monthRows(40), { publishAt });
      const embargoed = await ctx.get(path);
      expect(embargoed.body.data.map((g: { keys: { period: string } }) => g.keys.period)).to.not.include(
        '2020-04',
      );
      expect((await ctx.get(path)).headers.get('x-cache')).to.equal('hit');

      ctx.clock.aheadMs = HOUR + 1_000;
      const lifted = await ctx.get(path);
      expect(lifted.headers.get('x-cache')).to.equal('miss');
      expect(lifted.body.data.map((g: { keys: { period: string } }) => g.keys.period)).to.include('2020-04');
      expect(lifted.body.meta.dataVersion).to.not.equal(embargoed.body.meta.dataVersion);
    });
  });

  describe('off (REST_RESPONSE_CACHE=false)', () => {
    it('reads the data for every request and says nothing of a cache', async () => {
      const ctx = await appWithClock(false);
      try {
        const id = await createTinyDataset('rest-nocache', FIELDS, ['period', 'city']);
        await publishTiny(id, '2020-01', monthRows(10));
        const path = `/api/v1/datasets/${id}/rows?city=140300`;
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await ctx.get(path));
        expect(answers.map((a) => a.headers.get('x-cache'))).to.deep.equal([null, null, null]);
        expect(answers.map((a) => values(a.body))).to.deep.equal([[12], [12], [12]]);
        await publishTiny(id, '2020-02', monthRows(20));
        expect(values((await ctx.get(path)).body)).to.deep.equal([12, 22]);
        const etag = answers[2]!.headers.get('etag')!;
        expect((await ctx.get(path, { 'if-none-match': etag })).status).to.equal(200);
      } finally {
        await ctx.close();
      }
    });
  });
});
