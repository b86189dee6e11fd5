import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useChromium } from '../support/chromium';

declare const document: any;

/** Every CSP violation the page reports, from the page itself and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('reportViolation', (v: string) => seen.push(v));
  // Injected by the browser's own protocol, so the page's policy does not apply to it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e: any) =>
      (globalThis as any).reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  return seen;
}

/** The chart's canvas as a data URL, to tell whether anything was drawn since. */
function canvasHash(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('#chart-canvas canvas').toDataURL() as string);
}

/**
 * The Content-Security-Policy headers the server really sends, in a real browser: the
 * pages and GraphiQL must do their work (chart drawn, query run) without one violation.
 */
describe('Content-Security-Policy in a real browser (chromium)', function () {
  const chromium = useChromium();

  it('draws a dataset page’s chart and its tooltip under the page’s policy', async function () {
    this.timeout(60_000);
    const page = await chromium.browser().newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watchViolations(page);
    const res = await page.goto(`${chromium.base()}/datasets/land-prices`);
    expect(res!.headers()['content-security-policy']).to.match(/script-src 'self'/);
    await page.waitForSelector('#chart-canvas[data-state="drawn"]', { timeout: 20_000 });
    const drawn = await canvasHash(page);
    const box = (await page.locator('#chart-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // The tooltip is drawn on the canvas, so the canvas changes when it shows.
    await page.waitForFunction(
      ([before]) => {
        const c = document.querySelector('#chart-canvas canvas');
        return c && c.toDataURL() !== before;
      },
      [drawn],
      { timeout: 10_000 },
    );
    expect(violations).to.deep.equal([]);
    await page.close();
  });

  it('runs a query in GraphiQL under its policy', async function () {
    this.timeout(60_000);
    const page = await chromium.browser().newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watchViolations(page);
    const res = await page.goto(`${chromium.base()}/graphql`);
    expect(res!.headers()['content-security-policy']).to.match(/script-src 'self'/);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => /"agriculturalPrices"/.test(document.querySelector('.result-window')?.textContent ?? ''),
      undefined,
      { timeout: 20_000 },
    );
    expect(violations).to.deep.equal([]);
    // A dialog's scroll-lock <style> is the one thing the policy refuses, and the dialog
    // opens all the same (README, security headers).
    await page.click('[aria-label="Open settings dialog"]');
    expect(await page.waitForSelector('[role="dialog"]', { state: 'visible', timeout: 10_000 })).to.not.equal(
      null,
    );
    expect(violations.some((v) => v === 'style-src-elem blocked inline')).to.equal(true);
    for (const v of violations) expect(v).to.match(/^style-src-elem blocked inline$|^Applying inline style/);
    await page.close();
  });
});
