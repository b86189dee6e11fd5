import { expect } from 'chai';
import { adminHeaders } from '../support/auth';
import { testServer } from '../support/server';

const ORIGIN = 'https://observablehq.com';

async function send(path: string, init: RequestInit = {}) {
  const { url } = await testServer();
  const res = await fetch(url + path, init);
  await res.arrayBuffer();
  return res;
}

/** What a browser sends before a cross-origin request it may not make unasked. */
const preflight = (path: string, method: string, headers: string) =>
  send(path, {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      'access-control-request-headers': headers,
    },
  });

describe('CORS', function () {
  this.timeout(120_000);

  describe('open to any origin: reads, the CKAN API, exports, packages, feeds and GraphQL', () => {
    it('allows a GraphQL POST with a JSON body after its preflight', async () => {
      const pre = await preflight('/graphql', 'POST', 'content-type');
      expect(pre.status).to.equal(204);
      expect(pre.headers.get('access-control-allow-origin')).to.equal('*');
      expect(pre.headers.get('access-control-allow-methods')).to.contain('POST');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).to.contain('content-type');

      const res = await send('/graphql', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).to.equal(200);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    });

    it('answers reads, CKAN actions, dumps, exports, data packages and feeds with Access-Control-Allow-Origin', async () => {
      for (const path of [
        '/api/v1/datasets',
        '/api/v1/datasets/agri-prices/rows?limit=1',
        '/api/v1/datasets/agri-prices/export.csv?period=2017-W01',
        '/api/3/action/package_show?id=agri-prices',
        '/datastore/dump/agri-prices.2017-W01.r1',
        '/openapi.json',
        '/catalog.jsonld',
        '/catalog.ttl',
        '/api/v1/datasets/agri-prices.jsonld',
        '/api/v1/datasets/agri-prices/datapackage.json',
        '/api/v1/datasets/agri-prices/releases/2017-W01/datapackage.json',
        '/feeds/releases.atom',
        '/feeds/datasets/agri-prices.atom',
        '/feeds/agencies/sx-agriculture.atom',
      ]) {
        const res = await send(path, { headers: { origin: ORIGIN } });
        expect(res.status, path).to.equal(200);
        expect(res.headers.get('access-control-allow-origin'), path).to.equal('*');
        expect(res.headers.get('access-control-expose-headers'), path).to.contain('ETag');
      }
      // A harvester in a browser asking /catalog for Turtle by content negotiation.
      const negotiated = await send('/catalog', { headers: { origin: ORIGIN, accept: 'text/turtle' } });
      expect(negotiated.status).to.equal(200);
      expect(negotiated.headers.get('access-control-allow-origin')).to.equal('*');
      const pre = await preflight('/api/action/package_search', 'POST', 'content-type');
      expect(pre.status).to.equal(204);
      expect(pre.headers.get('access-control-allow-origin')).to.equal('*');
      const conditional = await preflight('/api/v1/datasets/agri-prices/rows', 'GET', 'if-none-match');
      expect(conditional.status).to.equal(204);
      expect(conditional.headers.get('access-control-allow-origin')).to.equal('*');
    });
  });

  describe('closed: admin and publishing routes', () => {
    it('refuses the preflight of an admin write and of a publish', async () => {
      for (const [path, method] of [
        ['/api/v1/admin/tokens', 'POST'],
        ['/api/v1/datasets/agri-prices/releases?period=2030-W01', 'POST'],
        ['/api/v1/datasets/agri-prices/status', 'PUT'],
      ] as const) {
        const pre = await preflight(path, method, 'authorization,content-type');
        expect(pre.headers.get('access-control-allow-origin'), path).to.equal(null);
        expect(pre.headers.get('access-control-allow-methods'), path).to.equal(null);
      }
    });

    it('sends no CORS headers on admin answers, even to GET', async () => {
      const audit = await send('/api/v1/admin/audit', { headers: { origin: ORIGIN, ...adminHeaders() } });
      expect(audit.status).to.equal(200);
      expect(audit.headers.get('access-control-allow-origin')).to.equal(null);
      const token = await send('/api/v1/admin/tokens', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', ...adminHeaders() },
        body: JSON.stringify({ name: 'cors probe', role: 'publisher', agency: 'no-such-agency' }),
      });
      expect(token.headers.get('access-control-allow-origin')).to.equal(null);
    });

    it('never lets a page send a token cross-origin, not even to a read', async () => {
      const pre = await preflight('/api/v1/datasets/agri-prices/releases', 'GET', 'authorization');
      expect(pre.headers.get('access-control-allow-headers') ?? '').not.to.match(/authorization/i);
    });
  });
});
