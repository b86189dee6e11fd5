import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import YAML from 'yaml';
import iconv from 'iconv-lite';
import { adminHeaders } from '../support/auth';
import { rawGet, rawGetFollowing } from '../support/http';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

interface Page {
  status: number;
  headers: Headers;
  body: string;
}

async function page(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Page> {
  const { url } = await testServer();
  const res = await fetch(url + pathAndQuery, {
    redirect: 'manual',
    headers: { accept: 'text/html', ...headers },
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The element whose opening tag carries `marker`, up to its closing tag (no nesting of the same tag). */
function element(body: string, tag: string, marker: string): string {
  const at = body.indexOf(marker);
  expect(at, `${marker} on the page`).to.be.greaterThan(-1);
  const start = body.lastIndexOf(`<${tag}`, at);
  return body.slice(start, body.indexOf(`</${tag}>`, at) + tag.length + 3);
}

function jsonLd(body: string): Record<string, any> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(body);
  expect(m, 'a JSON-LD block in the page').to.not.equal(null);
  return JSON.parse(m![1]!);
}

const spec = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8'));

const HOSTILE = '<script>alert("x")</script>地价&"\'';

describe('web pages', () => {
  let expired: string;
  let revised: string;
  let hostile: string;
  const reason = '被<b>新规定</b>取代';

  before(async function () {
    this.timeout(120_000);
    const value = [{ name: 'value', type: 'number', title: { zh: '数值', en: 'Value' }, unit: '元' }];
    // Tracked from 2024-01 and published only for 2024-01 and -02: every later month is missing.
    revised = await createTinyDataset('web-rev', value, ['period'], ['NA'], { firstPeriod: '2024-01' });
    await publishTiny(revised, '2024-01', [{ value: '1.5' }]);
    await publishTiny(revised, '2024-02', [{ value: '2.5' }]);
    await publishTiny(revised, '2024-01', [{ value: '1.75' }], { reviseReason: '更正<i>数值</i>' });

    expired = await createTinyDataset('web-exp', value, ['period']);
    await publishTiny(expired, '2024-01', [{ value: '1' }]);
    const put = await getJson(`/api/v1/datasets/${expired}/status`, {
      method: 'PUT',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'expired', date: '2025-06-30', reason }),
    });
    expect(put.status).to.equal(200);

    hostile = await createTinyDataset('web-xss', value, ['period'], ['NA'], {
      title: { zh: HOSTILE, en: HOSTILE },
      themes: ['<img src=x onerror=alert(1)>'],
    });
    await publishTiny(hostile, '2024-01', [{ value: '3' }]);
  });

  describe('home /', () => {
    it('is Chinese by default, with a labelled search box and datasets grouped by theme', async () => {
      const res = await page('/');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html; charset=utf-8/);
      expect(res.body).to.match(/<html lang="zh-CN">/);
      expect(res.body).to.match(/<label for="q">搜索数据集<\/label>/);
      expect(res.body).to.match(/<input id="q" name="q" type="search"/);
      expect(res.body).to.match(/aria-current="page"\s*>按主题<\/a/);
      const farming = element(res.body, 'section', '>农业 <');
      expect(farming).to.contain('href="/datasets/agri-prices"');
      expect(res.body).to.match(/<a href="#g\d+">农业 \(\d+\)<\/a>/);
      // Cadence in words, last update as a Beijing date.
      const card = element(res.body, 'li', 'data-dataset="land-prices"');
      expect(card).to.contain('<span class="badge" title="发布周期">每季度</span>');
      expect(card).to.match(/最近更新：\d{4}-\d{2}-\d{2} · \d{4}年第.季度/);
    });

    it('marks a dataset whose latest due period is unpublished as late, and shows the 废止/失效 mark', async () => {
      const res = await page('/?by=agency');
      expect(res.body).to.match(/aria-current="page"\s*>按责任单位<\/a/);
      expect(res.body).to.contain('<a href="/agencies/sx-agriculture">省农业厅</a>');
      const late = element(res.body, 'li', `data-dataset="${revised}"`);
      expect(late).to.match(/data-late="true"\s*>逾期：\d{4}年\d{1,2}月/);
      const gone = element(res.body, 'li', `data-dataset="${expired}"`);
      expect(gone).to.contain('data-status="expired">失效（2025-06-30）</span>');
      // Repealed and expired items expect nothing after their date, so they are not "late".
      expect(gone).not.to.contain('data-late');
    });

    it('searches', async () => {
      const res = await page(`/?q=${encodeURIComponent('地价')}`);
      expect(res.status).to.equal(200);
      expect(res.body).to.contain('value="地价"');
      expect(res.body).to.match(/“地价”共找到 \d+ 个数据集/);
      expect(res.body).to.contain('href="/datasets/land-prices"');
      expect(res.body).not.to.contain('href="/datasets/agri-prices"');
      // The bound on q is the API's, with its code.
      const over = await getJson(`/?q=${encodeURIComponent('粮'.repeat(201))}`);
      expect(over.status).to.equal(400);
      expect(over.body.error.code).to.equal('invalid_parameter');
    });

    it('switches to English with ?lang=en and remembers it in a cookie', async () => {
      const en = await page('/?lang=en');
      expect(en.body).to.match(/<html lang="en">/);
      expect(en.body).to.contain('<label for="q">Search datasets</label>');
      expect(en.headers.get('set-cookie')).to.match(/^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax/);
      const again = await page('/calendar', { cookie: 'lang=en' });
      expect(again.body).to.match(/<html lang="en">/);
      expect(again.headers.get('vary')).to.contain('Cookie');
      const back = await page('/?lang=zh', { cookie: 'lang=en' });
      expect(back.body).to.match(/<html lang="zh-CN">/);
      // The toggle keeps the reader on the same page.
      expect(en.body).to.contain('href="/?lang=zh" lang="zh-CN" hreflang="zh-CN"');
    });
  });

  describe('dataset page /datasets/{id}', () => {
    it('tells what the dataset is: agency, clause, cadence in words, next due date, schema', async () => {
      const res = await page('/datasets/agri-prices');
      expect(res.status).to.equal(200);
      expect(res.body).to.match(/<html lang="zh-CN">/);
      expect(res.body).to.contain('<h1>农产品批发市场价格');
      expect(res.body).to.contain('<a href="/agencies/sx-agriculture">省农业厅</a>（牵头）');
      expect(res.body).to.contain('晋政办发〔2017〕50号 第三(五)项');
      expect(res.body).to.contain('每周，周期结束后2天内 09:30前');
      expect(element(res.body, 'dd', 'data-next-due')).to.match(/\d{4}-\d{2}-\d{2} 09:30（\d{4}年第\d+周）/);
      const schema = element(res.body, 'section', 'id="schema"');
      expect(schema).to.match(/平均价格<br \/><code class="small">avg_price<\/code>/);
      expect(schema).to.contain('<td>数值</td>');
      expect(schema).to.contain('<td>元/公斤</td>');
      expect(schema).to.contain('GB/T 2260');

      const en = await page('/datasets/agri-prices?lang=en');
      expect(en.body).to.match(/<html lang="en">/);
      expect(en.body).to.contain('Weekly, within 2 days after the period ends, by 09:30 Beijing time');
    });

    it('shows the 废止/失效 mark with its date and reason, escaped, and keeps the data downloadable', async () => {
      const res = await page(`/datasets/${expired}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('x-dataset-status')).to.equal(
        `expired; date=2025-06-30; reason=${encodeURIComponent(reason)}`,
      );
      const banner = element(res.body, 'div', 'role="alert"');
      expect(banner).to.contain('data-status="expired"');
      expect(banner).to.contain('本项公开要求已于 2025-06-30 失效');
      expect(banner).to.contain('被&lt;b&gt;新规定&lt;/b&gt;取代');
      expect(res.body).not.to.contain('<b>新规定</b>');
      expect(res.body).to.contain('data-download="excel"');
    });

    it('pages the release history by period, newest first', async () => {
      const first = await page('/datasets/agri-prices');
      const periods = (body: string) => [...body.matchAll(/<tr\s+data-period="([^"]+)"/g)].map((m) => m[1]);
      // Twenty periods a page; a period's revisions are listed together.
      const one = [...new Set(periods(first.body))];
      expect(one).to.have.length(20);
      expect(one[0]! > one[19]!).to.equal(true);
      const pages = Number(/第 1 \/ (\d+) 页/.exec(first.body)?.[1]);
      expect(pages).to.be.greaterThan(20);
      expect(first.body).to.contain('href="/datasets/agri-prices?page=2#releases" rel="next"');
      const two = await page('/datasets/agri-prices?page=2');
      expect(periods(two.body)[0]! < one[19]!).to.equal(true);
      expect(two.body).to.contain('rel="prev"');
      const last = await page(`/datasets/agri-prices?page=${pages}`);
      expect(periods(last.body).at(-1)).to.equal('2017-W01');
      expect(last.body).not.to.contain('rel="next"');
    });

    it('links every revision to its own bytes, whose sha256 is the one shown', async () => {
      const res = await page(`/datasets/${revised}`);
      const rows = [...res.body.matchAll(/<tr\s+data-period="2024-01"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
      expect(rows).to.have.length(2);
      expect(rows[0]).to.contain('data-revision="2"');
      expect(rows[0]).to.contain('更正原因：更正&lt;i&gt;数值&lt;/i&gt;');
      expect(rows[1]).to.contain('data-superseded="true"');
      expect(rows[1]).to.contain('1（已更正）');
      const hashes = new Set<string>();
      for (const row of rows) {
        const href = /href="([^"]+data\.csv\?revision=\d)"/.exec(row)![1]!;
        const shown = /<code class="hash" data-sha256>([0-9a-f]{64})<\/code>/.exec(row)![1]!;
        const file = await rawGetFollowing(href);
        expect(file.status).to.equal(200);
        expect(sha256(file.body), href).to.equal(shown);
        expect(file.headers['x-content-sha256']).to.equal(shown);
        hashes.add(shown);
      }
      expect(hashes.size, 'the two revisions are different files').to.equal(2);
      // Times are Beijing time, not UTC ISO.
      expect(rows[0]).to.match(/<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/);
      expect(rows[0]).not.to.match(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    });

    it('offers a CSV for Excel (BOM, Chinese header), a GB18030 CSV, a plain CSV and JSON', async () => {
      const res = await page('/datasets/land-prices');
      const href = (kind: string) =>
        new RegExp(`<a href="([^"]+)" data-download="${kind}"`).exec(res.body)![1]!.replace(/&amp;/g, '&');
      const excel = await rawGet(href('excel'));
      expect(excel.status).to.equal(200);
      expect([...excel.body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      expect(excel.body.subarray(3).toString('utf8').split('\n')[0]).to.match(
        /^统计季度,城市代码,用途,平均地价/,
      );
      const gb = await rawGet(href('gb18030'));
      expect(iconv.decode(gb.body, 'gb18030').split('\n')[0]).to.match(/^统计季度,城市代码/);
      const plain = await rawGet(href('csv'));
      expect(plain.body.toString('utf8').split('\n')[0]).to.equal(
        'period,city,land_use,avg_price,growth_rate',
      );
      expect(JSON.parse((await rawGet(href('json'))).body.toString('utf8'))).to.be.an('array');
      const pkg = JSON.parse((await rawGet(href('datapackage'))).body.toString('utf8'));
      expect(pkg.profile).to.equal('tabular-data-package');
      expect(pkg.name).to.equal('land-prices');
    });

    it('previews the latest release and sets up the chart from the schema without inline script', async () => {
      const res = await page('/datasets/land-prices');
      const preview = element(res.body, 'section', 'id="preview"');
      expect(preview).to.contain('最新一期（2026年第三季度）的前 20 行');
      expect(preview).to.contain('140100 太原市');
      const chart = element(res.body, 'section', 'id="chart"');
      expect(chart).to.match(/<label\s*>城市代码\s*<select name="city" data-field="city">/);
      expect(chart).to.match(/<label\s*>用途\s*<select name="land_use" data-field="land_use">/);
      const config = JSON.parse(
        /<script type="application\/json" id="chart-config">(.*?)<\/script>/.exec(chart)![1]!,
      );
      expect(config).to.include({ api: '/api/v1/datasets/land-prices/aggregate', measure: 'avg_price' });
      expect(res.body).to.contain('<script src="/assets/echarts.min.js" defer></script>');
      expect(res.body).to.contain('<script src="/assets/dataset-chart.js" defer></script>');
      // Weekly data offers a monthly view, explained on the page.
      const weekly = await page('/datasets/agri-prices');
      expect(weekly.body).to.contain('<option value="month">按月汇总</option>');
      expect(weekly.body).to.contain('每周按其周四所在的月份归入（ISO 8601 规则）');
      for (const body of [res.body, weekly.body]) {
        // Every script is a file or data; no inline handlers or styles (CSP without 'unsafe-inline').
        for (const tag of body.match(/<script\b[^>]*>/g) ?? [])
          expect(tag).to.match(/ src="\/assets\/| type="application\/(ld\+)?json"/);
        expect(body).not.to.match(/\son[a-z]+=/i);
        expect(body).not.to.match(/<style|style="/);
      }
    });

    it('gives a GraphQL example that runs, linked to GraphiQL', async () => {
      for (const id of ['agri-prices', 'land-prices', revised]) {
        const res = await page(`/datasets/${id}`);
        const href = /<a href="(\/graphql\?query=[^"]+)" data-graphiql/
          .exec(res.body)![1]!
          .replace(/&amp;/g, '&');
        const run = await getJson(href, { headers: { accept: 'application/json' } });
        expect(run.status, id).to.equal(200);
        expect(run.body.errors, id).to.equal(undefined);
        const field = Object.keys(run.body.data)[0]!;
        expect(run.body.data[field].nodes.length, id).to.be.greaterThan(0);
      }
    });

    it('carries schema.org Dataset JSON-LD with the properties Google asks for', async () => {
      const res = await page('/datasets/land-prices');
      const ld = jsonLd(res.body);
      expect(ld['@context']).to.equal('https://schema.org/');
      expect(ld['@type']).to.equal('Dataset');
      // Both languages, language-tagged, the page's own first.
      expect(ld.name).to.deep.equal([
        { '@language': 'zh', '@value': '城市地价动态监测' },
        { '@language': 'en', '@value': 'Urban land price monitoring' },
      ]);
      expect(ld.description.map((d: { '@language': string }) => d['@language'])).to.deep.equal(['zh', 'en']);
      for (const d of ld.description) expect(d['@value'].length).to.be.within(50, 5000);
      expect(ld.license).to.equal('https://creativecommons.org/licenses/by/4.0/');
      expect(ld.creator[0]['@type']).to.equal('GovernmentOrganization');
      expect(ld.creator[0].name[0]).to.deep.equal({ '@language': 'zh', '@value': '省国土资源厅' });
      expect(ld.temporalCoverage).to.equal('2017-01-01/2026-09-30');
      expect(ld.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/datasets\/land-prices$/);
      expect(ld.distribution).to.have.length.greaterThan(0);
      for (const d of ld.distribution) {
        expect(d['@type']).to.equal('DataDownload');
        expect(d.contentUrl).to.match(/^http:\/\/.+\/api\/v1\/datasets\/land-prices\/export\.(csv|json)$/);
        expect(d.encodingFormat).to.be.a('string');
      }
    });

    it('escapes hostile text everywhere, JSON-LD included', async () => {
      const res = await page(`/datasets/${hostile}`);
      expect(res.status).to.equal(200);
      expect(res.body).not.to.contain('<script>alert');
      expect(res.body).not.to.contain('<img src=x');
      expect(res.body).to.contain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;地价&amp;&quot;&#39;');
      expect(jsonLd(res.body).name[0]['@value']).to.equal(HOSTILE);
      const home = await page('/');
      expect(home.body).not.to.contain('<script>alert');
      expect(home.body).not.to.contain('<img src=x');
      expect(home.body).to.contain('&lt;img src=x onerror=alert(1)&gt;');
    });

    it('answers an unknown dataset with 404: an HTML page for a browser, the API error for a program', async () => {
      const html = await page('/datasets/no-such-dataset');
      expect(html.status).to.equal(404);
      expect(html.headers.get('content-type')).to.match(/^text\/html/);
      expect(html.body).to.contain('<code data-error-code>dataset_not_found</code>');
      const json = await getJson('/datasets/no-such-dataset');
      expect(json.status).to.equal(404);
      expect(json.body.error.code).to.equal('dataset_not_found');
    });
  });

  describe('redirects from /catalog', () => {
    it('moves /catalog and /catalog/{id} permanently', async () => {
      const list = await page('/catalog?q=%E5%9C%B0%E4%BB%B7');
      expect(list.status).to.equal(301);
      expect(list.headers.get('location')).to.equal('/?q=%E5%9C%B0%E4%BB%B7');
      const one = await page('/catalog/land-prices');
      expect(one.status).to.equal(301);
      expect(one.headers.get('location')).to.equal('/datasets/land-prices');
    });
  });

  describe('agency page /agencies/{id}', () => {
    it('shows the agency record per year (on time, late, missing) and its datasets', async () => {
      const res = await page('/agencies/sx-agriculture');
      expect(res.status).to.equal(200);
      expect(res.body).to.match(/<html lang="zh-CN">/);
      expect(res.body).to.contain('<h1>省农业厅</h1>');
      const table = element(res.body, 'table', 'data-record');
      const years = [...table.matchAll(/<tr data-year="(\d{4})"/g)].map((m) => Number(m[1]));
      expect(years[0]).to.equal(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
      expect(years).to.include(2017);
      // The seeds leave out 2019-W40 and 2024-W06: each year shows the gap.
      const row2019 = element(table, 'tr', 'data-year="2019"');
      expect(Number(/<td class="num" data-missing>(\d+)<\/td>/.exec(row2019)![1])).to.be.greaterThan(0);
      const api = await getJson('/api/v1/agencies/sx-agriculture/timeliness?year=2019');
      const s = api.body.data.summary;
      expect(row2019).to.contain(`<td class="num" data-on-time>${s.onTime}</td>`);
      expect(row2019).to.contain(`<td class="num" data-late>${s.late}</td>`);
      expect(row2019).to.contain(`<td class="num" data-missing>${s.missing}</td>`);
      // The current year too, rank included, as the API counts it.
      const now = await getJson(`/api/v1/agencies/sx-agriculture/timeliness?year=${years[0]}`);
      const current = element(table, 'tr', `data-year="${years[0]}"`);
      expect(current).to.contain(`<td class="num" data-missing>${now.body.data.summary.missing}</td>`);
      expect(current).to.contain(`${now.body.data.rank} / ${now.body.data.rankedAgencies}</td>`);
      expect(res.body).to.contain('href="/datasets/agri-prices"');
      expect(res.body).to.match(/<label for="year">年份<\/label>/);
    });

    it('answers an unknown agency with 404', async () => {
      expect((await page('/agencies/no-such-agency')).status).to.equal(404);
    });
  });

  describe('calendar /calendar', () => {
    it('lists upcoming releases in Beijing time and links the iCal feed', async () => {
      const res = await page('/calendar');
      expect(res.status).to.equal(200);
      expect(res.body).to.match(/<html lang="zh-CN">/);
      expect(res.body).to.match(/<h2 id="d0"><time datetime="\d{4}-\d{2}-\d{2}">/);
      expect(res.body).to.contain('href="/datasets/agri-prices"');
      const ics = /<a class="button" href="([^"]+)" data-ical/.exec(res.body)![1]!;
      expect(ics).to.equal('/api/v1/calendar.ics');
      const feed = await rawGet(ics);
      expect(feed.headers['content-type']).to.match(/^text\/calendar/);
      expect(feed.body.toString('utf8')).to.contain('BEGIN:VCALENDAR');
      expect(res.body).to.match(/<label for="agency">责任单位<\/label>/);
    });
  });

  it('serves its stylesheet, chart script and ECharts from this server, gzipped and revalidated', async () => {
    const echarts = await rawGet('/assets/echarts.min.js', { 'accept-encoding': 'gzip' });
    expect(echarts.status).to.equal(200);
    expect(echarts.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(echarts.headers['content-encoding']).to.equal('gzip');
    const etag = echarts.headers.etag as string;
    expect((await rawGet('/assets/echarts.min.js', { 'if-none-match': etag })).status).to.equal(304);
    const css = await rawGet('/assets/site.css');
    expect(css.headers['content-type']).to.equal('text/css; charset=utf-8');
    expect((await rawGet('/assets/dataset-chart.js')).body.toString('utf8')).to.contain('groupBy');
    expect((await rawGet('/assets/..%2Fhtml.ts')).status).to.equal(404);
    expect((await rawGet('/assets/package.json')).status).to.equal(404);
  });

  it('documents every page route in openapi.yaml under the pages tag', () => {
    for (const route of [
      '/',
      '/datasets/{datasetId}',
      '/agencies/{agencyId}',
      '/calendar',
      '/assets/{file}',
      '/catalog',
      '/catalog/{datasetId}',
    ]) {
      expect(spec.paths[route]?.get?.tags, route).to.deep.equal(['pages']);
    }
  });
});
