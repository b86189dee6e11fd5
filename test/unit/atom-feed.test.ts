import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import type { Dataset, Interpretation, ReleaseRecord } from '../../src/catalog';
import { atomFeed, OPEN_DATA_NS } from '../../src/http/feeds/atom';

const release: ReleaseRecord = {
  id: 7,
  datasetId: 'veg-prices',
  period: '2017-W19',
  revision: 2,
  schemaVersionId: 1,
  schemaVersion: 1,
  rowCount: 3,
  sha256: 'ab'.repeat(32),
  bytes: 123,
  publishAt: new Date('2017-05-15T01:30:00Z'),
  createdBy: 'test',
  note: null,
  revisionReason: '更正 A &amp; B <i>',
  createdAt: new Date('2017-05-15T01:00:00Z'),
  withdrawal: null,
};
const dataset = {
  id: 'veg-prices',
  title: { zh: '菜价 &lt;b&gt; & <i>', en: 'Prices & <co>' },
  agencies: [
    { id: 'lead', name: { zh: '省农业厅', en: 'Agriculture' }, homepage: 'https://nyt.example.cn/' },
    { id: 'partner', name: { zh: '省商务厅', en: 'Commerce' }, homepage: null },
  ],
  themes: ['农业'],
} as unknown as Dataset;
const interpretation = {
  releaseId: 7,
  agency: { id: 'lead', name: { zh: '省农业厅', en: 'Agriculture' } },
  publishedOn: '2017-05-16',
  body: { zh: '菜价<script>alert(1)</script>回落。', en: 'Prices &amp; fell.' },
  url: 'https://nyt.example.cn/jiedu?a=1&b=2',
  createdAt: new Date('2017-05-16T02:00:00Z'),
  updatedAt: new Date('2017-05-16T02:00:00Z'),
} as Interpretation;

/** A conforming XML parser: each entity reference is decoded exactly once. */
function parse(xml: string) {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#' }).parse(
    xml,
  );
  return doc.feed;
}

describe('Atom feed document (src/http/feeds/atom.ts)', () => {
  const xml = atomFeed(
    'https://data.example.cn',
    {
      self: 'https://data.example.cn/feeds/datasets/veg-prices.atom',
      page: 'https://data.example.cn/datasets/veg-prices',
      title: dataset.title,
      updatedFallback: new Date(0),
    },
    [{ release, dataset, bytes: 123, updatedAt: interpretation.updatedAt, interpretation }],
  );
  const feed = parse(xml);
  const entry = feed.entry;

  it('keeps every text exactly as given, including text that looks like an entity', () => {
    expect(entry.title['#']).to.equal('菜价 &lt;b&gt; & <i> 2017年第19周（第 2 次修订）');
    expect(feed.subtitle['#']).to.contain('Prices & <co>');
    const related = entry.link.find((l: Record<string, string>) => l['@rel'] === 'related');
    expect(related['@href']).to.equal('https://nyt.example.cn/jiedu?a=1&b=2');
  });

  it('carries HTML content in which nothing an agency wrote is markup', () => {
    const html: string = entry.content['#'];
    expect(entry.content['@type']).to.equal('html');
    expect(html).to.contain('菜价&lt;script&gt;alert(1)&lt;/script&gt;回落。');
    expect(html).not.to.contain('<script>');
    expect(html).to.contain('Prices &amp;amp; fell.');
    expect(html).to.contain('更正 A &amp;amp; B &lt;i&gt;');
    expect(html).to.contain(release.sha256);
  });

  it('binds size and checksum to the enclosure, names agencies, themes and times', () => {
    expect(feed['@xmlns:od']).to.equal(OPEN_DATA_NS);
    const enclosure = entry.link.find((l: Record<string, string>) => l['@rel'] === 'enclosure');
    expect(enclosure).to.include({
      '@type': 'text/csv',
      '@length': '123',
      '@od:sha256': release.sha256,
      '@href': 'https://data.example.cn/api/v1/datasets/veg-prices/releases/2017-W19/data.csv?revision=2',
    });
    expect(entry.author.name).to.equal('省农业厅');
    expect(entry.author.uri).to.equal('https://nyt.example.cn/');
    expect(entry.contributor.name).to.equal('省商务厅');
    expect(entry.category['@term']).to.equal('农业');
    expect(entry.published).to.equal('2017-05-15T01:30:00.000Z');
    expect(entry.updated).to.equal('2017-05-16T02:00:00.000Z');
    expect(feed.updated).to.equal('2017-05-16T02:00:00.000Z');
    expect(entry.id).to.equal('tag:data.example.cn,2017:release/veg-prices/2017-W19/r2');
  });
});
