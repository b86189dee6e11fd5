import { expect } from 'chai';
import { allowsUrl, blockedByPolicy, parsePolicy } from '../support/csp';
import { testServer } from '../support/server';

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function get(path: string, init: RequestInit = {}) {
  const { url } = await testServer();
  const res = await fetch(url + path, init);
  return { status: res.status, headers: res.headers, text: await res.text(), origin: new URL(url).origin };
}

describe('security headers (helmet) and Content-Security-Policy', function () {
  this.timeout(120_000);
  before(() => testServer());

  it('sends them on the API, the pages and their assets, GraphQL, GraphiQL, probes and unknown routes', async () => {
    const answers = {
      api: await get('/api/v1/datasets?limit=1'),
      page: await get('/datasets/agri-prices'),
      asset: await get('/assets/site.css'),
      graphql: await get('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ datasets(first: 1) { totalCount } }' }),
      }),
      graphiql: await get('/graphql', { headers: BROWSER }),
      graphiqlAsset: await get('/graphql/assets/graphiql.min.css'),
      health: await get('/healthz'),
      unknown: await get('/no/such/route'),
    };
    for (const [what, r] of Object.entries(answers)) {
      expect(r.headers.get('x-content-type-options'), what).to.equal('nosniff');
      expect(r.headers.get('x-frame-options'), what).to.equal('DENY');
      expect(r.headers.get('referrer-policy'), what).to.equal('no-referrer');
      expect(r.headers.get('strict-transport-security'), what).to.match(/^max-age=\d+$/);
      expect(r.headers.get('cross-origin-opener-policy'), what).to.equal('same-origin');
      expect(
        parsePolicy(r.headers.get('content-security-policy')).get('frame-ancestors'),
        what,
      ).to.deep.equal(["'none'"]);
      expect(r.headers.get('x-powered-by'), what).to.equal(null);
    }
    expect(answers.api.status).to.equal(200);
    expect(answers.graphql.status).to.equal(200);
  });

  it('lets API answers load nothing at all', async () => {
    const api = await get('/api/v1/datasets?limit=1');
    const policy = parsePolicy(api.headers.get('content-security-policy'));
    expect(policy.get('default-src')).to.deep.equal(["'none'"]);
    expect([...policy.keys()].sort()).to.deep.equal([
      'base-uri',
      'default-src',
      'form-action',
      'frame-ancestors',
    ]);
  });

  for (const path of [
    '/',
    '/?q=%E5%9C%B0%E4%BB%B7',
    '/datasets/agri-prices',
    '/agencies/sx-agriculture',
    '/calendar',
  ]) {
    it(`allows ${path} exactly what it loads: files from /assets, its chart's API requests and its forms, nothing inline`, async () => {
      const page = await get(path);
      expect(page.status).to.equal(200);
      const policy = parsePolicy(page.headers.get('content-security-policy'));
      expect(blockedByPolicy(page.text, policy, page.origin)).to.deep.equal([]);
      expect(policy.get('default-src')).to.deep.equal(["'none'"]);
      expect(policy.get('script-src')).to.deep.equal(["'self'"]);
      expect(policy.get('style-src')).to.deep.equal(["'self'"]);
      expect(
        allowsUrl(policy, 'connect-src', '/api/v1/datasets/agri-prices/aggregate', page.origin),
      ).to.equal(true);
      expect(allowsUrl(policy, 'script-src', 'https://cdn.example.com/echarts.js', page.origin)).to.equal(
        false,
      );
    });
  }

  it('allows the GraphiQL page its own scripts and stylesheet, its inline style, its fonts and its queries', async () => {
    const page = await get('/graphql', { headers: BROWSER });
    expect(page.status).to.equal(200);
    const policy = parsePolicy(page.headers.get('content-security-policy'));
    expect(blockedByPolicy(page.text, policy, page.origin)).to.deep.equal([]);
    // Every script is a file from this origin: nothing inline runs.
    expect(page.text).to.not.match(/<script>/);
    expect(policy.get('script-src')).to.deep.equal(["'self'"]);
    // GraphiQL sends its queries to the URL the page names.
    const endpoint = /data-url="([^"]+)"/.exec(page.text)![1]!;
    expect(allowsUrl(policy, 'connect-src', endpoint, page.origin)).to.equal(true);
    expect(allowsUrl(policy, 'connect-src', 'https://example.com/graphql', page.origin)).to.equal(false);
    // Its stylesheet carries its fonts and icons as data: URLs.
    const css = await get('/graphql/assets/graphiql.min.css');
    const fonts = [...css.text.matchAll(/url\((data:font\/[^;]+);/g)].map((m) => m[1]!);
    const images = [...css.text.matchAll(/url\((data:image\/[^;]+);/g)].map((m) => m[1]!);
    expect(fonts.length).to.be.greaterThan(0);
    for (const f of fonts) expect(allowsUrl(policy, 'font-src', f, page.origin), f).to.equal(true);
    for (const i of images) expect(allowsUrl(policy, 'img-src', i, page.origin), i).to.equal(true);
    // The start script is served as JavaScript and reads the page's settings.
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    const start = await get(scripts.at(-1)!);
    expect(start.status).to.equal(200);
    expect(start.headers.get('content-type')).to.match(/javascript/);
    expect(start.text).to.include('root.dataset.url');
  });
});
