import { expect } from 'chai';
import { randomInt } from 'node:crypto';
import { startAppServer, type AppServer } from '../support/app-server';
import { adminHeaders, bearer } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { getJson } from '../support/server';
import { createTinyDataset } from '../support/tiny-dataset';

/**
 * Each test speaks for clients of its own: the app trusts the loopback proxy, so
 * X-Forwarded-For names the client, and fresh random addresses (from the benchmarking
 * range 198.18.0.0/15) keep counters apart across tests and runs (the failure and upload
 * counters live in the database).
 */
const freshAddress = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function call(app: AppServer, path: string, from: string, init: RequestInit = {}) {
  const res = await fetch(app.url + path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': from },
  });
  const text = await res.text();
  const body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body: body as any };
}

function expectLimited(
  r: { status: number; headers: Headers; body: any },
  policy: string,
  windowSeconds: number,
) {
  expect(r.status, JSON.stringify(r.body)).to.equal(429);
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).to.be.within(1, windowSeconds);
  expect(r.body.error.code).to.equal('rate_limited');
  expect(r.body.error.details).to.include({ policy, windowSeconds, retryAfterSeconds: retryAfter });
  expect(r.headers.get('ratelimit-policy')).to.match(/^\d+;w=\d+$/);
}

const BAD = { authorization: 'Bearer sxod_guessing-0123456789abcdefghijklmnop' };

describe('rate limits', function () {
  this.timeout(120_000);

  describe('refused credentials per address (AUTH_FAILURE_LIMIT), shared through the database', () => {
    const env = { TRUST_PROXY: 'loopback', AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_MS: '60000' };
    let a: AppServer | undefined;
    let b: AppServer | undefined;

    before(async () => {
      // Two apps on one database stand for two API processes.
      a = await startAppServer(env);
      b = await startAppServer(env);
    });

    after(async () => {
      await a?.close();
      await b?.close();
    });

    it('answers the fourth refusal with 429, then refuses that address even a good token, and audits only the refusals', async () => {
      const guesser = freshAddress();
      for (let i = 0; i < 3; i++)
        expect((await call(a!, '/api/v1/whoami', guesser, { headers: BAD })).status).to.equal(401);
      const limited = await call(a!, '/api/v1/whoami', guesser, { headers: BAD });
      expectLimited(limited, 'auth_failures', 60);
      assertMatchesSpec('/api/v1/whoami', 'get', 429, limited.body);
      expectLimited(
        await call(a!, '/api/v1/whoami', guesser, { headers: await bearer('sx-agriculture') }),
        'auth_failures',
        60,
      );
      // Anonymous reading goes on: the limit meters requests that present credentials.
      expect((await call(a!, '/api/v1/datasets?limit=1', guesser)).status).to.equal(200);
      // Another address is not affected.
      expect(
        (await call(a!, '/api/v1/whoami', freshAddress(), { headers: await bearer('sx-agriculture') }))
          .status,
      ).to.equal(200);

      const audit = await getJson('/api/v1/admin/audit?limit=1000', { headers: adminHeaders() });
      const refusals = audit.body.data.filter((e: { ip: string }) => e.ip === guesser);
      expect(refusals).to.have.length(3);
      for (const e of refusals) expect(e).to.include({ action: 'authenticate', outcome: 'rejected' });
    });

    it('counts refusals across processes', async () => {
      const guesser = freshAddress();
      expect((await call(a!, '/api/v1/whoami', guesser, { headers: BAD })).status).to.equal(401);
      expect((await call(b!, '/api/v1/whoami', guesser, { headers: BAD })).status).to.equal(401);
      expect((await call(a!, '/api/v1/whoami', guesser, { headers: BAD })).status).to.equal(401);
      expectLimited(await call(b!, '/api/v1/whoami', guesser, { headers: BAD }), 'auth_failures', 60);
    });

    it('counts only refusals: accepted tokens and anonymous requests never add up', async () => {
      const agency = freshAddress();
      const good = await bearer('sx-agriculture');
      for (let i = 0; i < 5; i++)
        expect((await call(a!, '/api/v1/whoami', agency, { headers: good })).status).to.equal(200);
      for (let i = 0; i < 5; i++) expect((await call(a!, '/api/v1/whoami', agency)).status).to.equal(401);
      for (let i = 0; i < 3; i++)
        expect((await call(a!, '/api/v1/whoami', agency, { headers: BAD })).status).to.equal(401);
      expectLimited(await call(a!, '/api/v1/whoami', agency, { headers: BAD }), 'auth_failures', 60);
    });
  });

  describe('uploads per token (UPLOAD_RATE_LIMIT)', () => {
    let app: AppServer | undefined;
    let datasetId: string;

    before(async () => {
      datasetId = await createTinyDataset(
        'ratelimit',
        [{ name: 'city', type: 'string', title: { zh: '城市', en: 'City' } }],
        ['period', 'city'],
      );
      app = await startAppServer({
        TRUST_PROXY: 'loopback',
        UPLOAD_RATE_LIMIT: '2',
        UPLOAD_RATE_WINDOW_MS: '60000',
      });
    });

    after(async () => {
      await app?.close();
    });

    async function mint(name: string): Promise<{ authorization: string }> {
      const res = await getJson('/api/v1/admin/tokens', {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ name, role: 'publisher', agency: 'test-agency' }),
      });
      expect(res.status).to.equal(201);
      return { authorization: `Bearer ${res.body.data.token}` };
    }

    const dryRun = (token: { authorization: string }, from: string) =>
      call(app!, `/api/v1/datasets/${datasetId}/releases?period=2026-01&dryRun=true`, from, {
        method: 'POST',
        headers: { ...token, 'content-type': 'text/csv' },
        body: 'period,city\n2026-01,太原\n',
      });

    it('answers a token’s third upload in the window with 429, and leaves other tokens and reads alone', async () => {
      const first = await mint('upload limit one');
      const second = await mint('upload limit two');
      const office = freshAddress(); // both colleagues behind one address
      expect((await dryRun(first, office)).status).to.equal(200);
      expect((await dryRun(first, office)).status).to.equal(200);
      const limited = await dryRun(first, office);
      expectLimited(limited, 'uploads', 60);
      assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 429, limited.body);
      expect((await dryRun(second, office)).status).to.equal(200);
      expect(
        (await call(app!, `/api/v1/datasets/${datasetId}/releases`, office, { headers: first })).status,
      ).to.equal(200);
    });
  });

  describe('every API request per address (API_RATE_LIMIT), in memory', () => {
    let app: AppServer | undefined;

    before(async () => {
      app = await startAppServer({
        TRUST_PROXY: 'loopback',
        API_RATE_LIMIT: '5',
        API_RATE_WINDOW_MS: '60000',
      });
    });

    after(async () => {
      await app?.close();
    });

    it('answers the sixth request in the window with 429 on REST, GraphQL and pages alike, but never throttles probes or metrics', async () => {
      const client = freshAddress();
      for (let i = 0; i < 5; i++)
        expect((await call(app!, '/api/v1/datasets?limit=1', client)).status).to.equal(200);
      const limited = await call(app!, '/api/v1/datasets?limit=1', client);
      expectLimited(limited, 'api', 60);
      assertMatchesSpec('/api/v1/datasets', 'get', 429, limited.body);
      expectLimited(
        await call(app!, '/graphql', client, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ datasets(first: 1) { totalCount } }' }),
        }),
        'api',
        60,
      );
      expectLimited(await call(app!, '/datasets/agri-prices', client), 'api', 60);
      for (const probe of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/assets/site.css']) {
        expect((await call(app!, probe, client)).status, probe).to.equal(200);
      }
      expect((await call(app!, '/api/v1/datasets?limit=1', freshAddress())).status).to.equal(200);
    });
  });
});
