import { expect } from 'chai';
import { useChromium } from '../support/chromium';

declare const document: any;

/**
 * /docs in a real browser, under the Content-Security-Policy the server sends: Redoc must
 * render the contract's operations, without one violation and without one request leaving
 * this origin (its bundle and the contract both come from the server).
 */
describe('API docs at /docs in a real browser (chromium)', function () {
  const chromium = useChromium();

  it('renders the operations of openapi.yaml, loading nothing from elsewhere', async function () {
    this.timeout(90_000);
    const page = await chromium.browser().newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const isForeign = (u: string) =>
      !['blob:', 'data:'].includes(new URL(u).protocol) && new URL(u).origin !== chromium.base();
    // A request the policy stops before it is sent fails with "csp" (ERR_BLOCKED_BY_CSP); any other
    // way out of this origin is a leak.
    page.on('requestfinished', (r) => {
      if (isForeign(r.url())) foreign.push(`${r.url()} finished`);
    });
    page.on('requestfailed', (r) => {
      if (isForeign(r.url()) && !/BLOCKED_BY_CSP|^csp$/i.test(r.failure()?.errorText ?? ''))
        foreign.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    const res = await page.goto(`${chromium.base()}/docs`);
    expect(res!.status()).to.equal(200);
    expect(res!.headers()['content-security-policy']).to.match(/script-src 'self'/);
    // Redoc gives each operation a section named after its operationId.
    await page.waitForSelector('[data-section-id="operation/listDatasets"]', { timeout: 60_000 });
    const rendered = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('[data-section-id^="operation/"]')).map((e: any) =>
          e.getAttribute('data-section-id'),
        ) as string[],
    );
    expect(rendered).to.include.members([
      'operation/queryRows',
      'operation/publishRelease',
      'operation/getHealth',
    ]);
    expect(await page.textContent('body')).to.contain('Shanxi Open Data API');
    // Redoc's sidebar credit always asks for its logo from cdn.redoc.ly; the policy refuses it,
    // so it is the one violation allowed, and the browser never sends the request.
    for (const v of violations)
      expect(v).to.match(/^Loading the image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg'/);
    expect(foreign).to.deep.equal([]);
    await page.close();
  });
});
