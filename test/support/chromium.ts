import fs from 'node:fs';
import type { Browser } from 'playwright-core';

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
