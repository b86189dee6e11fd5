import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { expect } from 'chai';
import type { ReleaseRecord } from '../../src/catalog';
import { OPEN_DATA_NS } from '../../src/http/feeds/atom';
import { parsePeriod, periodLabelZh } from '../../src/periods';
import { bearer } from '../support/auth';
import { download } from '../support/download';
import { rawGet } from '../support/http';
import { freshAgency } from '../support/requests';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Long enough to read every feed before the embargo lifts on a busy machine, short enough to wait for. */
const EMBARGO_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FIELDS = [
  { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
  { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' }, constraints: { minimum: 0 } },
];
const ROWS = [
  { city: '太原市', price: '1.20' },
  { city: '大同市', price: '2.50' },
];
const TITLE = { zh: '菜价<b>&“测试”', en: 'Vegetable <prices> & co' };

type Parsed = ReturnType<typeof parseFeed>;
type Item = Parsed['items'][number];

async function fetchFeed(path: string, headers: Record<string, string> = {}) {
  const res = await rawGet(path, headers);
  return { res, feed: res.status === 200 ? parseFeed(res.body.toString('utf8')) : undefined };
}

/** The enclosure's checksum, found through the namespace the document declares, whatever its prefix. */
function enclosureSha(item: Item): string | undefined {
  const decls = item.element.namespaceDeclarations as Record<string, string>;
  const prefix = Object.keys(decls).find((p) => decls[p] === OPEN_DATA_NS);
  const link = item.element.findElementsWithName('link').find((l) => l.getAttribute('rel') === 'enclosure');
  return prefix ? (link?.attributes[`${prefix}:sha256`] ?? undefined) : undefined;
}

const linkHref = (item: Item, rel: string) =>
  item.element
    .findElementsWithName('link')
    .find((l) => l.getAttribute('rel') === rel)
    ?.getAttribute('href');

describe('Atom feeds of releases and revisions', function () {
  this.timeout(180_000);
  let agency = '';
  let id = '';
  let may1: ReleaseRecord;
  let june: ReleaseRecord;
  let may2: ReleaseRecord;
  let publishAt: Date;
  const label = (period: string) => periodLabelZh(parsePeriod(period));

  before(async function () {
    // The shared server seeds the whole catalog when this file runs first.
    this.timeout(600_000);
    await testServer();
    agency = await freshAgency('feed');
    id = await createTinyDataset('feed', FIELDS, ['period', 'city'], ['NA'], {
      agency,
      title: TITLE,
      themes: ['农业', '价格'],
    });
    may1 = await publishTiny(id, '2021-05', ROWS);
    june = await publishTiny(id, '2021-06', ROWS);
    may2 = await publishTiny(id, '2021-05', [{ city: '太原市', price: '1.30' }], {
      reviseReason: '更正太原价格',
    });
    publishAt = new Date(Date.now() + EMBARGO_MS);
    await publishTiny(id, '2021-07', ROWS, { publishAt });
  });

  it('lists each release and revision, newest first, with its data file, size, checksum and agency', async () => {
    const { res, feed } = await fetchFeed(`/feeds/datasets/${id}.atom`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/atom\+xml/);
    expect(feed!.title).to.contain(TITLE.zh);
    expect(feed!.self).to.match(new RegExp(`/feeds/datasets/${id}\\.atom$`));
    const items = feed!.items;
    expect(items.map((i) => i.title)).to.deep.equal([
      `${TITLE.zh} ${label('2021-05')}（第 2 次修订）`,
      `${TITLE.zh} ${label('2021-06')}（第 1 次修订）`,
      `${TITLE.zh} ${label('2021-05')}（第 1 次修订）`,
    ]);
    expect(items[0]!.title).to.contain('2021年');
    const releases = [may2, june, may1];
    for (const [n, item] of items.entries()) {
      const r = releases[n]!;
      expect(item.published?.toISOString()).to.equal(r.publishAt.toISOString());
      expect(item.updated?.toISOString()).to.equal(r.publishAt.toISOString());
      expect(item.authors.map((a) => a.name)).to.deep.equal([`测试${agency}局`]);
      expect(item.categories.map((c) => c.term)).to.deep.equal(['农业', '价格']);
      expect(item.url).to.match(new RegExp(`/datasets/${id}$`));
      const [enclosure] = item.media;
      expect(enclosure!.mimeType).to.equal('text/csv');
      const file = await download(enclosure!.url);
      expect(file.status).to.equal(200);
      expect(file.body.length).to.equal(enclosure!.length);
      expect(enclosureSha(item)).to.equal(r.sha256);
      expect(sha256(file.body)).to.equal(r.sha256);
      expect(item.content).to.contain(r.sha256);
      const pkg = await getJson(
        new URL(linkHref(item, 'describedby')!).pathname + new URL(linkHref(item, 'describedby')!).search,
      );
      expect(pkg.body.resources[0].hash).to.equal(`sha256:${r.sha256}`);
    }
    expect(items[0]!.content).to.contain('更正太原价格');
    // Embargoed: not even its period is named.
    expect(res.body.toString('utf8')).not.to.contain('2021-07');
    expect(Date.now(), 'the checks above must run before the embargo lifts').to.be.below(publishAt.getTime());
  });

  it('shows an interpretation (解读) in its entry, escaped, and moves the entry up when it is added', async () => {
    const put = await getJson(`/api/v1/datasets/${id}/releases/2021-06/interpretation`, {
      method: 'PUT',
      headers: { ...(await bearer(agency)), 'content-type': 'application/json' },
      body: JSON.stringify({
        text: { zh: '六月菜价<script>alert(1)</script>回落。', en: 'Prices fell in June.' },
        url: 'https://example.gov.cn/jiedu/2021-06.html',
      }),
    });
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    const { feed } = await fetchFeed(`/feeds/datasets/${id}.atom`);
    const first = feed!.items[0]!;
    expect(first.title).to.contain(label('2021-06'));
    expect(first.updated!.getTime()).to.be.greaterThan(first.published!.getTime());
    expect(first.updated!.toISOString()).to.equal(put.body.data.updatedAt);
    expect(first.content).to.contain('六月菜价');
    // HTML content inside XML: the agency's text is escaped once as HTML, then once as XML.
    const xml = (await rawGet(`/feeds/datasets/${id}.atom`)).body.toString('utf8');
    expect(xml).to.contain('六月菜价&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;回落。');
    expect(xml).not.to.contain('<script>');
    expect(xml).not.to.contain('&lt;script&gt;');
    expect(first.content).to.contain('Prices fell in June.');
    expect(linkHref(first, 'related')).to.equal('https://example.gov.cn/jiedu/2021-06.html');
    expect(first.description).to.contain('附解读');
    expect(feed!.items.slice(1).map((i) => i.content?.includes('解读'))).to.deep.equal([false, false]);
  });

  it('serves the site (also at CKAN’s /feeds/dataset.atom) and agency feeds, bounded by limit', async () => {
    const site = await fetchFeed('/feeds/releases.atom?limit=200');
    const ckan = await fetchFeed('/feeds/dataset.atom?limit=200');
    expect(site.res.status).to.equal(200);
    expect(site.res.headers['access-control-allow-origin']).to.equal('*');
    const ids = site.feed!.items.map((i) => i.id);
    expect(ckan.feed!.items.map((i) => i.id)).to.deep.equal(ids);
    const ours = site.feed!.items.filter((i) => i.url?.endsWith(`/datasets/${id}`));
    expect(ours).to.have.length(3);
    const updated = site.feed!.items.map((i) => i.updated!.getTime());
    expect(updated).to.deep.equal([...updated].sort((a, b) => b - a));
    expect(site.feed!.items.length).to.be.at.most(200);
    const byDefault = await fetchFeed('/feeds/releases.atom');
    expect(byDefault.feed!.items.length).to.be.at.most(50);

    const byAgency = await fetchFeed(`/feeds/agencies/${agency}.atom`);
    expect(byAgency.feed!.items.map((i) => i.id)).to.deep.equal(ours.map((i) => i.id));
    const one = await fetchFeed(`/feeds/agencies/${agency}.atom?limit=1`);
    expect(one.feed!.items.map((i) => i.id)).to.deep.equal([ours[0]!.id]);

    for (const bad of ['limit=0', 'limit=201', 'limit=x']) {
      const res = await getJson(`/feeds/releases.atom?${bad}`);
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.details.parameter).to.equal('limit');
    }
    const noAgency = await getJson('/feeds/agencies/no-such-agency.atom');
    expect(noAgency.status).to.equal(404);
    expect(noAgency.body.error.code).to.equal('agency_not_found');
    const noDataset = await getJson('/feeds/datasets/no-such-dataset.atom');
    expect(noDataset.status).to.equal(404);
    expect(noDataset.body.error.code).to.equal('dataset_not_found');
  });

  it('adds an embargoed release to every feed only once it is public, changing the validator then', async () => {
    const paths = [`/feeds/datasets/${id}.atom`, `/feeds/agencies/${agency}.atom`, '/feeds/releases.atom'];
    const before = new Map<string, string>();
    for (const path of paths) {
      const { res } = await fetchFeed(path);
      expect(res.body.toString('utf8'), path).not.to.contain(label('2021-07'));
      const etag = String(res.headers.etag);
      before.set(path, etag);
      const again = await rawGet(path, { 'if-none-match': etag });
      expect(again.status, path).to.equal(304);
    }
    expect(Date.now(), 'the checks above must run before the embargo lifts').to.be.below(publishAt.getTime());
    await sleep(Math.max(0, publishAt.getTime() - Date.now()) + 50);
    for (const path of paths) {
      const stale = await rawGet(path, { 'if-none-match': before.get(path)! });
      expect(stale.status, path).to.equal(200);
      const { feed } = await fetchFeed(path);
      const entry = feed!.items.find((i) => i.title?.includes(label('2021-07')) && i.url?.endsWith(id));
      expect(entry, path).not.to.equal(undefined);
      expect(entry!.published!.toISOString()).to.equal(publishAt.toISOString());
    }
  });

  it('is linked from the home, dataset and agency pages, and the dataset page links its data package', async () => {
    const pages: Array<[string, string]> = [
      ['/', '/feeds/releases.atom'],
      [`/datasets/${id}`, `/feeds/datasets/${id}.atom`],
      [`/agencies/${agency}`, `/feeds/agencies/${agency}.atom`],
    ];
    for (const [page, feed] of pages) {
      const res = await rawGet(page);
      expect(res.status, page).to.equal(200);
      expect(res.body.toString('utf8'), page).to.match(
        new RegExp(
          `<link rel="alternate" type="application/atom\\+xml"[^>]* href="${feed.replace(/\./g, '\\.')}"`,
        ),
      );
    }
    const dataset = (await rawGet(`/datasets/${id}`)).body.toString('utf8');
    expect(dataset).to.contain(`href="/api/v1/datasets/${id}/datapackage.json"`);
    expect(dataset).not.to.contain('data-slot="datapackage"');
  });
});
