import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { testServer } from './server';

/** Debian's chromium, which .ci/run installs. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches chromium for a browser test, or skips the test and says why where there is no
 * browser. In CI (.ci/run installs it) a missing browser is a failure, not a skip.
 */
export async function launchChromium(ctx: Mocha.Context): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing; .ci/run should have installed it`);
    console.log(`      skipped: ${CHROMIUM} not found (apt-get install chromium)`);
    ctx.skip();
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * One browser for a suite: launched before its tests (or the suite skipped, as above) and
 * closed after them. `base` is the shared test server's URL.
 */
export function useChromium(): { browser: () => Browser; base: () => string } {
  let browser: Browser | undefined;
  let base = '';
  before(async function () {
    this.timeout(120_000);
    browser = await launchChromium(this);
    base = (await testServer()).url;
  });
  after(async () => {
    await browser?.close();
  });
  return { browser: () => browser!, base: () => base };
}
