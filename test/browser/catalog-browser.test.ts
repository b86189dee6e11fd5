import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parsePeriod, periodStart } from '../../src/periods';
import { launchChromium } from '../support/chromium';
import { testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

/** Screenshots for people to look at; the folder is gitignored. */
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/*
 * page.evaluate callbacks run in the browser; this Node compilation has no DOM lib, so the
 * few browser names they use are declared loosely here rather than for the whole project.
 */
declare const document: any;
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What the chart's canvas shows: how many pixels are drawn, and a hash that changes with them. */
async function canvasPixels(page: Page): Promise<{ drawn: number; hash: string }> {
  const { drawn, sample } = await page.evaluate(() => {
    const canvas = document.querySelector('#chart-canvas canvas') as CanvasLike | null;
    if (!canvas) return { drawn: 0, sample: '' };
    const ctx = canvas.getContext('2d');
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    let h = 0;
    for (let i = 0; i < data.length; i += 4) {
      // ECharts leaves the background transparent: any opaque pixel was drawn.
      if (data[i + 3]! > 0) {
        count++;
        h = (h * 31 + data[i]! * 7 + data[i + 1]! * 3 + data[i + 2]! + i) >>> 0;
      }
    }
    return { drawn: count, sample: String(h) };
  });
  return { drawn, hash: sample };
}

async function chartDrawn(page: Page): Promise<void> {
  await page.waitForSelector('#chart-canvas[data-state="drawn"]', { timeout: 20_000 });
}

describe('catalogue in a real browser (chromium)', function () {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let base: string;
  let revised: string;

  before(async function () {
    this.timeout(120_000);
    browser = await launchChromium(this);
    base = (await testServer()).url;
    revised = await createTinyDataset(
      'web-browser',
      [{ name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } }],
      ['period'],
    );
    await publishTiny(revised, '2024-01', [{ value: '1.5' }]);
    await publishTiny(revised, '2024-01', [{ value: '1.75' }], { reviseReason: '更正' });
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  it('finds 地价 from the home page, draws the chart, redraws it for another selection, downloads for Excel', async function () {
    this.timeout(90_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).to.equal('zh-CN');
    // Keyboard: the first Tab reaches the skip link, and the search box is reachable by its label.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('跳到正文');
    await page.getByLabel('搜索数据集').fill('地价');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=/);
    await page.getByRole('link', { name: '城市地价动态监测' }).click();
    await page.waitForURL(/\/datasets\/land-prices$/);

    await chartDrawn(page);
    const before = await canvasPixels(page);
    expect(before.drawn, 'drawn pixels').to.be.greaterThan(2_000);
    expect(Number(await page.getAttribute('#chart-canvas', 'data-points'))).to.be.greaterThan(30);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dataset-land-prices-desktop.png'), fullPage: true });

    await page.getByLabel('用途').selectOption('工业');
    await page.waitForFunction(() =>
      /工业/.test(document.getElementById('chart-canvas')!.getAttribute('aria-label')!),
    );
    await chartDrawn(page);
    const after = await canvasPixels(page);
    expect(after.drawn).to.be.greaterThan(2_000);
    expect(after.hash, 'the chart changed').to.not.equal(before.hash);

    const [excel] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[data-download="excel"]'),
    ]);
    const bytes = fs.readFileSync(await excel.path());
    expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\n')[0]).to.match(/^统计季度,城市代码,用途,平均地价/);
    expect(excel.suggestedFilename()).to.match(/\.csv$/);
    expect(errors, 'page errors').to.deep.equal([]);
    await page.close();
  });

  it("works under a Content-Security-Policy without 'unsafe-inline'", async function () {
    this.timeout(60_000);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // The policy another change will send; added here to the page's own response.
    await page.route(/\/datasets\/land-prices$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'content-security-policy':
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
        },
      });
    });
    await page.goto(`${base}/datasets/land-prices`);
    await chartDrawn(page);
    expect((await canvasPixels(page)).drawn).to.be.greaterThan(2_000);
    expect(violations).to.deep.equal([]);
    await page.close();
  });

  it('rolls weekly prices up to months in the browser', async function () {
    this.timeout(60_000);
    const page = await context.newPage();
    await page.goto(`${base}/datasets/agri-prices`);
    await chartDrawn(page);
    // The periods on the x axis, as the chart has them.
    const axis = () =>
      page.evaluate(() => {
        const chart = (globalThis as any).echarts.getInstanceByDom(document.getElementById('chart-canvas'));
        return chart.getOption().xAxis[0].data as string[];
      });
    const weekLabels = await axis();
    const weeks = Number(await page.getAttribute('#chart-canvas', 'data-points'));
    expect(weekLabels).to.have.length(weeks);
    await page.getByLabel('时间粒度').selectOption('month');
    await page.waitForFunction(
      (w) => Number(document.getElementById('chart-canvas')!.dataset.points) < w,
      weeks,
    );
    const months = await axis();
    // Each week belongs to the month of its Thursday (ISO 8601): 2017-W01 … 2026-W46 of the
    // sample history run from January 2017 to November 2026, and whatever other tests added.
    const thursdayMonth = (week: string) => {
      const monday = Date.parse(`${periodStart(parsePeriod(week, 'week'))}T00:00:00Z`);
      return new Date(monday + 3 * 86_400_000).toISOString().slice(0, 7);
    };
    expect(months).to.deep.equal([...new Set(weekLabels.map(thursdayMonth))]);
    expect(months).to.include.members(['2017-01', '2026-11']);
    await page.close();
  });

  it("downloads a superseded revision whose sha256 matches the page's", async function () {
    this.timeout(60_000);
    const page = await context.newPage();
    await page.goto(`${base}/datasets/${revised}`);
    const row = page.locator('tr[data-superseded="true"]');
    expect(await row.count()).to.equal(1);
    const shown = (await row.locator('code[data-sha256]').textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a').first().click()]);
    expect(sha256(fs.readFileSync(await download.path()))).to.equal(shown);
    const latest = (await page.locator('tr[data-revision="2"] code[data-sha256]').textContent())!.trim();
    expect(latest).to.not.equal(shown);
    await page.close();
  });

  it('saves desktop and 390 px screenshots of every page', async function () {
    this.timeout(60_000);
    const phone = await browser!.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const desktop = await context.newPage();
    const small = await phone.newPage();
    for (const [name, url] of [
      ['home', '/'],
      ['dataset-agri-prices', '/datasets/agri-prices'],
      ['agency', '/agencies/sx-agriculture'],
      ['calendar', '/calendar'],
    ] as const) {
      for (const [page, size] of [
        [desktop, 'desktop'],
        [small, '390'],
      ] as const) {
        await page.goto(base + url);
        if (url.startsWith('/datasets/')) await chartDrawn(page);
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size}.png`), fullPage: true });
        // Readable at 390 px: nothing wider than the screen except inside scrolling tables.
        if (size === '390') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(overflow, `${url} fits 390 px`).to.be.at.most(390);
        }
      }
    }
    await page390(small);
    await phone.close();
    await desktop.close();
  });

  /** The dataset page the search led to, on a phone. */
  async function page390(small: Page) {
    await small.goto(`${base}/datasets/land-prices`);
    await chartDrawn(small);
    await small.screenshot({ path: path.join(ARTIFACTS, 'dataset-land-prices-390.png'), fullPage: true });
  }
});
