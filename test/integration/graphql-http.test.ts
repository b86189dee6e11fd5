import { expect } from 'chai';
import { auditServer } from 'graphql-http';
import { testServer } from '../support/server';

const Q = '{ datasets(first: 1) { totalCount } }';

async function call(path: string, init: RequestInit = {}) {
  const { url } = await testServer();
  const res = await fetch(url + path, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('GraphQL over HTTP', function () {
  this.timeout(300_000);
  before(() => testServer());

  it('accepts POST and answers in application/graphql-response+json when the client accepts it', async () => {
    const body = JSON.stringify({ query: Q });
    const modern = await call('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body,
    });
    expect(modern.status).to.equal(200);
    expect(modern.headers.get('content-type')).to.match(/^application\/graphql-response\+json/);
    expect(JSON.parse(modern.text).data.datasets.totalCount).to.be.greaterThan(0);
    const legacy = await call('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    expect(legacy.headers.get('content-type')).to.match(/^application\/json/);
  });

  it('accepts queries over GET without any special header', async () => {
    const r = await call(`/graphql?query=${encodeURIComponent(Q)}`);
    expect(r.status).to.equal(200);
    expect(JSON.parse(r.text).data.datasets.totalCount).to.be.greaterThan(0);
  });

  it('refuses a mutation over GET with 405', async () => {
    const r = await call(`/graphql?query=${encodeURIComponent('mutation { publish }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(r.status).to.equal(405);
    expect(r.headers.get('allow')).to.equal('POST');
  });

  it('answers a body that is not JSON with a GraphQL error and 400', async () => {
    const r = await call('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(r.status).to.equal(400);
    expect(JSON.parse(r.text).errors[0].extensions.code).to.equal('BAD_REQUEST');
  });

  it('serves GraphiQL to a browser, with every asset from this origin', async () => {
    const page = await call('/graphql', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.text).to.include('GraphiQL');
    expect(page.text).to.not.match(/https?:\/\//); // no CDN
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    // React, ReactDOM, GraphiQL's bundle and stylesheet, and the script that starts it.
    expect(assets).to.have.length(5);
    for (const asset of assets) {
      expect(asset.startsWith('/graphql/assets/'), asset).to.equal(true);
      const r = await call(asset);
      expect(r.status, asset).to.equal(200);
      expect(r.headers.get('content-type'), asset).to.match(/javascript|css/);
      expect(r.text.length, asset).to.be.greaterThan(asset.endsWith('-start.js') ? 100 : 1000);
    }
    expect((await call('/graphql/assets/package.json')).status).to.equal(404);
    expect((await call('/graphql/assets/..%2Fpackage.json')).status).to.equal(404);
  });

  it('passes every MUST audit of the GraphQL over HTTP spec (graphql-http)', async () => {
    const { url } = await testServer();
    const results = await auditServer({ url: `${url}/graphql` });
    const failures = results
      .filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'))
      .map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    const warnings = results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MUST'));
    if (warnings.length > 0) {
      console.log(
        `      (${warnings.length} SHOULD/MAY audits not met: ${warnings.map((w) => w.name).join('; ')})`,
      );
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).to.be.greaterThan(10);
  });
});
