import { expect } from 'chai';
import { allowsUrl, blockedByPolicy, parsePolicy } from '../support/csp';
import { testServer } from '../support/server';

async function get(path: string, init: RequestInit = {}) {
  const { url } = await testServer();
  const res = await fetch(url + path, init);
  return { status: res.status, headers: res.headers, text: await res.text(), origin: new URL(url).origin };
}

/** The contract rendered at /docs, and the ways readers find it. */
describe('API docs at /docs', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('renders /openapi.json with Redoc from this origin, under a policy that lets nothing else load', async () => {
    const page = await get('/docs');
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.text).to.contain('<redoc spec-url="/openapi.json"');
    const policy = parsePolicy(page.headers.get('content-security-policy'));
    expect(blockedByPolicy(page.text, policy, page.origin)).to.deep.equal([]);
    expect(allowsUrl(policy, 'connect-src', '/openapi.json', page.origin)).to.equal(true);
    for (const [directive, url] of [
      ['script-src', 'https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js'],
      ['img-src', 'https://cdn.redoc.ly/redoc/logo-mini.svg'],
      ['style-src', 'https://fonts.googleapis.com/css?family=Roboto'],
      ['font-src', 'https://fonts.gstatic.com/s/roboto.woff2'],
      ['connect-src', 'https://example.com/openapi.json'],
    ] as const) {
      expect(allowsUrl(policy, directive, url, page.origin), `${directive} ${url}`).to.equal(false);
    }
    const script = await get('/docs/redoc.standalone.js');
    expect(script.status).to.equal(200);
    expect(script.headers.get('content-type')).to.match(/javascript/);
    expect(script.text.length).to.be.greaterThan(100_000);
  });

  it('is linked from every catalog page and from GraphiQL', async () => {
    for (const path of ['/', '/calendar', '/datasets/agri-prices']) {
      expect((await get(path)).text, path).to.match(/<a href="\/docs">/);
    }
    const start = await get('/graphql/assets/graphiql-start.js');
    expect(start.status).to.equal(200);
    expect(start.text).to.contain("href: '/docs'");
  });
});
