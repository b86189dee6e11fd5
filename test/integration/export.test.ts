import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { adminHeaders } from '../support/auth';
import { rawGet, rawGetFollowing } from '../support/http';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const AGRI = 'agri-prices';
const EXPORT = '/api/v1/datasets/{datasetId}/export.{format}';
const RELEASE_CSV = '/api/v1/datasets/{datasetId}/releases/{period}/data.csv';
const ROWS = '/api/v1/datasets/{datasetId}/rows';

type Row = Record<string, any>;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const parseCsv = (text: string, delimiter = ','): string[][] =>
  parse(text, { delimiter, relax_column_count: false, bom: false }) as string[][];

/** Pork in Taiyuan during 2023: 104 rows, small enough to compare cell by cell. */
const FILTER = `city=140100&product=${encodeURIComponent('猪肉')}&period[gte]=2023-W01&period[lte]=2023-W52`;

async function exportText(dataset: string, format: string, query: string) {
  const { url } = await testServer();
  const res = await fetch(`${url}/api/v1/datasets/${dataset}/export.${format}?${query}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function rowsOf(dataset: string, query: string) {
  const res = await getJson(`/api/v1/datasets/${dataset}/rows?${query}&limit=10000`);
  expect(res.status).to.equal(200);
  assertMatchesSpec(ROWS, 'get', 200, res.body);
  expect(res.body.links.next).to.equal(null);
  return res.body as { data: Row[]; meta: { fields: Array<{ name: string; type: string }> } };
}

async function releaseOf(dataset: string, period: string) {
  const { body } = await getJson(`/api/v1/datasets/${dataset}/releases?period=${period}`);
  return body.data as Array<{ id: number; revision: number; sha256: string; rowCount: number }>;
}

describe('bulk export', function () {
  this.timeout(600_000);
  before(async () => {
    await testServer();
  });

  describe('CSV', () => {
    it('has a field-name header and RFC 4180 rows holding the same values as the rows API', async () => {
      const csv = await exportText(AGRI, 'csv', FILTER);
      expect(csv.status).to.equal(200);
      expect(csv.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(csv.text.charCodeAt(0)).to.not.equal(0xfeff);
      const [header, ...records] = parseCsv(csv.text);
      const api = await rowsOf(AGRI, FILTER);
      const fields = api.meta.fields;
      expect(header).to.deep.equal(fields.map((f) => f.name));
      expect(records).to.have.length(api.data.length).and.length(104);
      records.forEach((rec, i) => {
        const row = api.data[i]!;
        fields.forEach((f, j) => {
          const cell = rec[j]!;
          // Numbers keep their published text in CSV ('25.10'); JSON carries the same number (25.1).
          if (f.type === 'number' || f.type === 'integer') expect(Number(cell), f.name).to.equal(row[f.name]);
          else expect(cell, f.name).to.equal(row[f.name] === null ? '' : String(row[f.name]));
        });
      });
    });

    it('names the file after the dataset and the first and last period, and marks the status', async () => {
      const csv = await exportText(AGRI, 'csv', 'period[gte]=2023-W01&period[lte]=2023-W52&city=140100');
      const cd = csv.headers.get('content-disposition')!;
      expect(cd).to.match(/^attachment;/);
      expect(cd).to.contain('filename="agri-prices_2023-W01_2023-W52.csv"');
      expect(csv.headers.get('x-dataset-status')).to.equal('active');
      const json = await exportText(AGRI, 'json', 'period=2017-W19');
      expect(json.headers.get('content-disposition')).to.contain(
        'filename="agri-prices_2017-W19_2017-W19.json"',
      );
      const empty = await exportText(AGRI, 'csv', 'period=2030-W01');
      expect(empty.headers.get('content-disposition')).to.contain('filename="agri-prices_empty.csv"');
    });

    it('starts with a UTF-8 BOM only when bom=1', async () => {
      const withBom = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}&bom=1`);
      expect([...withBom.body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const plain = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}`);
      expect(plain.body.subarray(0, 6).toString('latin1')).to.equal('period');
      expect(withBom.body.subarray(3).equals(plain.body)).to.equal(true);
    });

    it('header=zh and header=en give titles with units; header=none gives no header', async () => {
      const zh = parseCsv((await exportText(AGRI, 'csv', `${FILTER}&header=zh`)).text);
      expect(zh[0]).to.deep.equal([
        '统计周',
        '城市代码',
        '批发市场',
        '品种',
        '类别',
        '平均价格(元/公斤)',
        '最低价格(元/公斤)',
        '最高价格(元/公斤)',
      ]);
      const en = parseCsv((await exportText(AGRI, 'csv', `${FILTER}&header=en`)).text);
      expect(en[0]).to.include('Average price(元/公斤)').and.include('Week');
      const none = parseCsv((await exportText(AGRI, 'csv', `${FILTER}&header=none`)).text);
      expect(none).to.have.length(104);
      expect(none[0]![0]).to.equal('2023-W01');
      expect(zh.slice(1)).to.deep.equal(none);
    });

    it('encoding=gb18030 is real GB18030: the same text, bytes that are not UTF-8', async () => {
      const utf8 = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}&header=zh`);
      const gb = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}&header=zh&encoding=gb18030`);
      expect(gb.status).to.equal(200);
      expect(gb.headers['content-type']).to.equal('text/csv; charset=gb18030');
      expect(iconv.decode(gb.body, 'gb18030')).to.equal(utf8.body.toString('utf8'));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb.body)).to.throw();
      // 统 is CD B3 in GB18030 (E7 BB 9F in UTF-8)
      expect([...gb.body.subarray(0, 2)]).to.deep.equal([0xcd, 0xb3]);
      expect(gb.body.length).to.be.lessThan(utf8.body.length);
      const gbBom = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}&encoding=gb18030&bom=1`);
      expect([...gbBom.body.subarray(0, 3)]).to.not.deep.equal([0xef, 0xbb, 0xbf]);
    });

    it('encodes characters outside the BMP in GB18030 too, across many chunks', async () => {
      const id = await createTinyDataset(
        'gbwide',
        [{ name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } }],
        ['period', 'label'],
      );
      // 4-byte GB18030 sequences (CJK Extension B, emoji) in enough rows to span stream chunks
      const labels = Array.from({ length: 3000 }, (_, i) => `${i}𠀀😀€囍${'汉'.repeat(i % 7)}`);
      await publishTiny(
        id,
        '2021-01',
        labels.map((label) => ({ label })),
      );
      const utf8 = await rawGet(`/api/v1/datasets/${id}/export.csv`);
      const gb = await rawGet(`/api/v1/datasets/${id}/export.csv?encoding=gb18030`);
      expect(iconv.decode(gb.body, 'gb18030')).to.equal(utf8.body.toString('utf8'));
      expect(gb.body.includes(iconv.encode('𠀀😀', 'gb18030'))).to.equal(true);
      const records = parseCsv(iconv.decode(gb.body, 'gb18030')).slice(1);
      expect(records.map((r) => r[1]).sort()).to.deep.equal([...labels].sort());
    });

    it('ends at the header line when nothing matches', async () => {
      const csv = await exportText(AGRI, 'csv', 'period=2030-W01');
      expect(csv.status).to.equal(200);
      expect(csv.text).to.equal('period,city,market,product,category,avg_price,min_price,max_price\n');
      const none = await exportText(AGRI, 'csv', 'period=2030-W01&header=none');
      expect(none.text).to.equal('');
    });

    it('applies fields and sort', async () => {
      const csv = await exportText(AGRI, 'csv', `${FILTER}&fields=avg_price,period&sort=-avg_price`);
      const [header, ...records] = parseCsv(csv.text);
      expect(header).to.deep.equal(['avg_price', 'period']);
      const prices = records.map((r) => Number(r[0]));
      expect(prices).to.deep.equal([...prices].sort((a, b) => b - a));
      const api = await rowsOf(AGRI, `${FILTER}&fields=avg_price,period&sort=-avg_price`);
      expect(records.map((r) => [Number(r[0]), r[1]])).to.deep.equal(
        api.data.map((r) => [r.avg_price, r.period]),
      );
    });
  });

  describe('TSV, JSON and NDJSON', () => {
    it('TSV separates with tabs and holds the same cells as CSV', async () => {
      const tsv = await exportText(AGRI, 'tsv', FILTER);
      expect(tsv.headers.get('content-type')).to.equal('text/tab-separated-values; charset=utf-8');
      const lines = tsv.text.trimEnd().split('\n');
      expect(lines[0]).to.equal('period\tcity\tmarket\tproduct\tcategory\tavg_price\tmin_price\tmax_price');
      expect(lines[1]!.split('\t')).to.have.length(8);
      expect(tsv.text).to.not.contain(',');
      const csv = await exportText(AGRI, 'csv', FILTER);
      expect(parseCsv(tsv.text, '\t')).to.deep.equal(parseCsv(csv.text));
    });

    it('JSON is one array equal to the rows API data, numbers as numbers', async () => {
      const res = await getJson(`/api/v1/datasets/${AGRI}/export.json?${FILTER}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      assertMatchesSpec(EXPORT, 'get', 200, res.body, 'application/json');
      const api = await rowsOf(AGRI, FILTER);
      expect(res.body).to.deep.equal(api.data);
      expect(res.body[0].avg_price).to.be.a('number');
      // a bigger one, spanning many COPY chunks, is still one valid array
      const big = await getJson(
        `/api/v1/datasets/${AGRI}/export.json?period[gte]=2020-W01&period[lte]=2020-W20`,
      );
      expect(big.body)
        .to.be.an('array')
        .with.length(20 * 396);
      const bigApi = await rowsOf(AGRI, 'period[gte]=2020-W01&period[lte]=2020-W20');
      expect(big.body).to.deep.equal(bigApi.data);
    });

    it('NDJSON is one JSON object per line', async () => {
      const res = await exportText(AGRI, 'ndjson', FILTER);
      expect(res.headers.get('content-type')).to.equal('application/x-ndjson; charset=utf-8');
      expect(res.text.endsWith('\n')).to.equal(true);
      const lines = res.text.slice(0, -1).split('\n');
      const api = await rowsOf(AGRI, FILTER);
      expect(lines).to.have.length(api.data.length);
      expect(lines.map((l) => JSON.parse(l))).to.deep.equal(api.data);
    });

    it('an empty result is [] in JSON and nothing in NDJSON', async () => {
      const json = await getJson(`/api/v1/datasets/${AGRI}/export.json?period=2030-W01`);
      expect(json.status).to.equal(200);
      expect(json.body).to.deep.equal([]);
      assertMatchesSpec(EXPORT, 'get', 200, json.body, 'application/json');
      const nd = await exportText(AGRI, 'ndjson', 'period=2030-W01');
      expect(nd.text).to.equal('');
    });
  });

  describe('transport', () => {
    it('gzips when the client accepts it, and the bytes decompress to the same CSV', async () => {
      const path = `/api/v1/datasets/${AGRI}/export.csv?period[gte]=2020-W01&period[lte]=2020-W04`;
      const gz = await rawGet(path, { 'accept-encoding': 'gzip' });
      expect(gz.status).to.equal(200);
      expect(gz.headers['content-encoding']).to.equal('gzip');
      expect(gz.headers.vary).to.contain('Accept-Encoding');
      expect([...gz.body.subarray(0, 2)]).to.deep.equal([0x1f, 0x8b]);
      const plain = await rawGet(path);
      expect(plain.headers['content-encoding']).to.equal(undefined);
      expect(zlib.gunzipSync(gz.body).equals(plain.body)).to.equal(true);
      expect(gz.body.length).to.be.lessThan(plain.body.length / 3);
    });

    it('answers a conditional export with 304', async () => {
      const first = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}`);
      const etag = first.headers.etag as string;
      expect(etag).to.match(/^"/);
      expect(first.headers['last-modified']).to.be.a('string');
      const again = await rawGet(`/api/v1/datasets/${AGRI}/export.csv?${FILTER}`, { 'if-none-match': etag });
      expect(again.status).to.equal(304);
      expect(again.body.length).to.equal(0);
    });

    it('refuses bad options with 400 and unknown formats or datasets with 404', async () => {
      for (const [q, parameter] of [
        ['encoding=latin1', 'encoding'],
        ['header=fr', 'header'],
        ['bom=maybe', 'bom'],
        ['escapeFormulas=perhaps', 'escapeFormulas'],
      ]) {
        const res = await getJson(`/api/v1/datasets/${AGRI}/export.csv?${q}`);
        expect(res.status, q).to.equal(400);
        assertMatchesSpec(EXPORT, 'get', 400, res.body);
        expect(res.body.error.code).to.equal('invalid_parameter');
        expect(res.body.error.details.parameter).to.equal(parameter);
      }
      const unknown = await getJson(`/api/v1/datasets/${AGRI}/export.csv?nope=1`);
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.code).to.equal('unknown_field');
      expect(unknown.body.error.details.field).to.equal('nope');
      const xml = await getJson(`/api/v1/datasets/${AGRI}/export.xml`);
      expect(xml.status).to.equal(404);
      assertMatchesSpec(EXPORT, 'get', 404, xml.body);
      expect(xml.body.error.code).to.equal('export_format_not_found');
      expect(xml.body.error.details.parameter).to.equal('format');
      const missing = await getJson('/api/v1/datasets/no-such-dataset/export.csv');
      expect(missing.status).to.equal(404);
      expect(missing.body.error.code).to.equal('dataset_not_found');
    });
  });

  describe('version selectors and status marks', () => {
    it('exports what was public at asOf, or one release', async () => {
      const { body } = await getJson(`/api/v1/datasets/${AGRI}/releases?period=2019-W20`);
      const r = body.data[body.data.length - 1];
      const before = new Date(Date.parse(r.publishAt) - 1).toISOString();
      const csv = await exportText(AGRI, 'csv', `period=2019-W20&asOf=${before}`);
      expect(parseCsv(csv.text)).to.have.length(1);
      const after = await exportText(AGRI, 'csv', `period=2019-W20&asOf=${r.publishAt}`);
      expect(parseCsv(after.text)).to.have.length(1 + r.rowCount);
      const one = await getJson(`/api/v1/datasets/${AGRI}/export.json?release=${r.id}`);
      expect(one.body).to.have.length(r.rowCount);
      expect(new Set(one.body.map((x: Row) => x.period))).to.deep.equal(new Set(['2019-W20']));
    });

    it('marks a repealed dataset in X-Dataset-Status (reason percent-encoded) and in meta', async () => {
      const id = await createTinyDataset(
        'repealed',
        [{ name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } }],
        ['period', 'label'],
      );
      await publishTiny(id, '2021-01', [{ label: 'a' }]);
      const put = await getJson(`/api/v1/datasets/${id}/status`, {
        method: 'PUT',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'repealed', date: '2021-06-30', reason: '已废止; 见新通知' }),
      });
      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      const csv = await exportText(id, 'csv', '');
      expect(csv.status).to.equal(200);
      const mark = csv.headers.get('x-dataset-status')!;
      expect(mark).to.equal(`repealed; date=2021-06-30; reason=${encodeURIComponent('已废止; 见新通知')}`);
      expect(decodeURIComponent(mark.split('reason=')[1]!)).to.equal('已废止; 见新通知');
      expect(parseCsv(csv.text)).to.deep.equal([
        ['period', 'label'],
        ['2021-01', 'a'],
      ]);
      const file = await rawGetFollowing(`/api/v1/datasets/${id}/releases/2021-01/data.csv`);
      expect(file.headers['x-dataset-status']).to.equal(mark);
      const api = await getJson(`/api/v1/datasets/${id}/rows`);
      assertMatchesSpec(ROWS, 'get', 200, api.body);
      expect(api.body.meta.datasetStatus).to.deep.include({
        status: 'repealed',
        label: '废止',
        date: '2021-06-30',
      });
    });
  });

  describe('formula injection (OWASP CSV injection)', () => {
    let id = '';
    const LABELS = ['=1+2', '+SUM(A1)', '-2+3', '@x', '普通', '\tTAB', '\rCR', 'a=b'];

    before(async () => {
      id = await createTinyDataset(
        'formula',
        [
          { name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } },
          { name: 'amount', type: 'number', unit: '元', title: { zh: '金额', en: 'Amount' } },
        ],
        ['period', 'label'],
      );
      await publishTiny(
        id,
        '2021-01',
        LABELS.map((label, i) => ({ label, amount: label === '普通' ? '-5' : String(i) })),
      );
    });

    it('prefixes a quote to text cells that start with = + - @ TAB CR, and leaves numbers alone', async () => {
      for (const [format, delimiter] of [
        ['csv', ','],
        ['tsv', '\t'],
      ] as const) {
        const res = await exportText(id, format, '');
        const [, ...records] = parseCsv(res.text, delimiter);
        expect(
          records.map((r) => r[1]),
          format,
        ).to.deep.equal(["'=1+2", "'+SUM(A1)", "'-2+3", "'@x", '普通', "'\tTAB", "'\rCR", 'a=b']);
        expect(records.find((r) => r[1] === '普通')![2]).to.equal('-5');
      }
    });

    it('returns the raw text with escapeFormulas=false, and JSON is never altered', async () => {
      const raw = await exportText(id, 'csv', 'escapeFormulas=false');
      expect(
        parseCsv(raw.text)
          .slice(1)
          .map((r) => r[1]),
      ).to.deep.equal(LABELS);
      const json = await getJson(`/api/v1/datasets/${id}/export.json`);
      expect(json.body.map((r: Row) => r.label)).to.deep.equal(LABELS);
      expect(json.body.find((r: Row) => r.label === '普通').amount).to.equal(-5);
    });
  });

  describe("a release's canonical CSV (releases/{period}/data.csv)", () => {
    it('hashes to X-Content-SHA256 and to the release checksum (seeded release)', async () => {
      const [r] = await releaseOf(AGRI, '2017-W19');
      const res = await rawGetFollowing(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv`);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(res.headers['x-content-sha256']).to.equal(r!.sha256);
      expect(sha256(res.body)).to.equal(r!.sha256);
      expect(res.headers.digest).to.equal(`sha-256=${Buffer.from(r!.sha256, 'hex').toString('base64')}`);
      expect(res.headers.etag).to.equal(`"${r!.sha256}"`);
      // The mutable URL says which bytes are meant now; the bytes' own URL is kept for a year.
      expect(res.redirect!.status).to.equal(307);
      expect(res.redirect!.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
      expect(res.redirect!.headers.location).to.equal(
        `/files/sha256/${r!.sha256}/${AGRI}_2017-W19_r${r!.revision}.csv`,
      );
      expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
      const lines = res.body.toString('utf8').trimEnd().split('\n');
      expect(lines[0]).to.equal('period,city,market,product,category,avg_price,min_price,max_price');
      expect(lines).to.have.length(r!.rowCount + 1);
      // A pinned revision can still be withdrawn, so only a read as of a past instant is final;
      // the bytes themselves sit at their immutable content address either way.
      const pinned = await rawGetFollowing(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv?revision=1`);
      expect(pinned.redirect!.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
      expect(pinned.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
      expect(pinned.body.equals(res.body)).to.equal(true);
      const past = new Date(Date.now() - 1000).toISOString();
      const cited = await rawGetFollowing(
        `/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv?revision=1&asOf=${past}`,
      );
      expect(cited.redirect!.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
      expect(cited.body.equals(res.body)).to.equal(true);
      const notModified = await rawGetFollowing(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv`, {
        'if-none-match': `"${r!.sha256}"`,
      });
      expect(notModified.status).to.equal(304);
      // Sent as stored, so byte ranges mean the same to every client and cache.
      const plainForGzip = await rawGetFollowing(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv`, {
        'accept-encoding': 'gzip',
      });
      expect(plainForGzip.headers['content-encoding']).to.equal(undefined);
      expect(sha256(plainForGzip.body)).to.equal(r!.sha256);
    });

    it('answers an unknown period with 404 and a malformed one with 400', async () => {
      const unknown = await getJson(`/api/v1/datasets/${AGRI}/releases/2030-W01/data.csv`);
      expect(unknown.status).to.equal(404);
      assertMatchesSpec(RELEASE_CSV, 'get', 404, unknown.body);
      expect(unknown.body.error.code).to.equal('release_not_found');
      expect(unknown.body.error.details.period).to.equal('2030-W01');
      const gap = await getJson(`/api/v1/datasets/${AGRI}/releases/2019-W40/data.csv`);
      expect(gap.status).to.equal(404);
      const noRevision = await getJson(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv?revision=7`);
      expect(noRevision.status).to.equal(404);
      expect(noRevision.body.error.code).to.equal('release_not_found');
      for (const bad of ['2017-W99', '2017-Q2', 'last-week']) {
        const res = await getJson(`/api/v1/datasets/${AGRI}/releases/${bad}/data.csv`);
        expect(res.status, bad).to.equal(400);
        assertMatchesSpec(RELEASE_CSV, 'get', 400, res.body);
        expect(res.body.error.code).to.equal('invalid_period');
      }
      const noDataset = await getJson('/api/v1/datasets/no-such-dataset/releases/2017-W19/data.csv');
      expect(noDataset.status).to.equal(404);
      expect(noDataset.body.error.code).to.equal('dataset_not_found');
    });

    it('refuses a revision that is not a number with 400', async () => {
      // BUG: src/http/rest/data.router.ts (data.csv route) reads `revision` with queryString and compares
      // it as text, so `?revision=abc` (or `?revision=01`) answers 404 release_not_found instead of
      // 400 invalid_parameter {parameter: 'revision'} as every other integer parameter does.
      const res = await getJson(`/api/v1/datasets/${AGRI}/releases/2017-W19/data.csv?revision=abc`);
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_parameter');
      expect(res.body.error.details.parameter).to.equal('revision');
    });

    describe('with tricky text', () => {
      let id = '';
      const ROWS_IN: Array<Record<string, string | undefined>> = [
        { label: 'comma', text: 'a,b', amount: '1.50', day: '2021-02-03' },
        { label: 'quote', text: 'say "hi"', amount: '-0.50' },
        { label: 'newline', text: 'line1\nline2', amount: '1.2e3' },
        { label: 'crlf', text: 'x\r\ny', amount: '0' },
        { label: 'empty', text: '', amount: '' },
        { label: 'missing' },
        { label: 'space', text: ' leading space', amount: '7' },
        { label: 'chinese', text: '中文，全角“引号”', amount: '100' },
        { label: 'formula', text: '=1+2' },
        { label: 'backslash', text: '\\.' },
        { label: 'only-quote', text: '"' },
      ];

      before(async () => {
        id = await createTinyDataset(
          'tricky',
          [
            { name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } },
            { name: 'text', type: 'string', title: { zh: '文本', en: 'Text' } },
            { name: 'amount', type: 'number', title: { zh: '金额', en: 'Amount' } },
            { name: 'day', type: 'date', title: { zh: '日期', en: 'Day' } },
          ],
          ['period', 'label'],
          [''],
        );
      });

      it('serves bytes whose sha256 is the release checksum, quoting exactly where RFC 4180 needs', async () => {
        // With missingValues [''] an empty cell is a missing value (NULL) even for text; the empty
        // string itself is exercised with a dataset whose missing value is 'NA' (next test).
        const release = await publishTiny(id, '2021-01', ROWS_IN);
        const res = await rawGetFollowing(`/api/v1/datasets/${id}/releases/2021-01/data.csv`);
        expect(res.status).to.equal(200);
        expect(sha256(res.body)).to.equal(release.sha256);
        expect(res.headers['x-content-sha256']).to.equal(release.sha256);
        const [listed] = await releaseOf(id, '2021-01');
        expect(listed!.sha256).to.equal(release.sha256);
        const text = res.body.toString('utf8');
        expect(text).to.contain('\n2021-01,comma,"a,b",1.50,2021-02-03\n');
        expect(text).to.contain('\n2021-01,quote,"say ""hi""",-0.50,\n');
        expect(text).to.contain('\n2021-01,newline,"line1\nline2",1200,\n');
        expect(text).to.contain('\n2021-01,crlf,"x\r\ny",0,\n');
        expect(text).to.contain('\n2021-01,space, leading space,7,\n');
        expect(text).to.contain('\n2021-01,chinese,中文，全角“引号”,100,\n');
        expect(text).to.contain('\n2021-01,formula,=1+2,,\n');
        const records = parseCsv(text);
        expect(records[0]).to.deep.equal(['period', 'label', 'text', 'amount', 'day']);
        expect(records.slice(1).map((r) => r[2])).to.deep.equal([
          'a,b',
          'say "hi"',
          'line1\nline2',
          'x\r\ny',
          '',
          '',
          ' leading space',
          '中文，全角“引号”',
          '=1+2',
          '\\.',
          '"',
        ]);
      });

      it('tells the empty string ("") from a missing value (empty field)', async () => {
        const strict = await createTinyDataset(
          'emptystr',
          [
            { name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } },
            { name: 'text', type: 'string', title: { zh: '文本', en: 'Text' } },
          ],
          ['period', 'label'],
          ['NA'],
        );
        const release = await publishTiny(strict, '2021-01', [
          { label: 'empty', text: '' },
          { label: 'missing' },
          { label: 'na', text: 'NA' },
          { label: 'comma', text: ',' },
        ]);
        const res = await rawGetFollowing(`/api/v1/datasets/${strict}/releases/2021-01/data.csv`);
        expect(sha256(res.body)).to.equal(release.sha256);
        expect(res.body.toString('utf8')).to.equal(
          'period,label,text\n2021-01,empty,""\n2021-01,missing,\n2021-01,na,\n2021-01,comma,","\n',
        );
        const api = await rowsOf(strict, '');
        expect(api.data.map((r) => r.text)).to.deep.equal(['', null, null, ',']);
        const exported = await exportText(strict, 'csv', '');
        expect(exported.text).to.equal(res.body.toString('utf8'));
      });

      it('serves each revision under its own URL, final once read as of a past instant', async () => {
        const r2 = await publishTiny(id, '2021-01', [{ label: 'comma', text: 'b,c', amount: '2' }], {
          reviseReason: '更正',
        });
        const latest = await rawGetFollowing(`/api/v1/datasets/${id}/releases/2021-01/data.csv`);
        expect(sha256(latest.body)).to.equal(r2.sha256);
        expect(latest.headers['content-disposition']).to.contain(`${id}_2021-01_r2.csv`);
        const [first, second] = await releaseOf(id, '2021-01');
        expect(second!.sha256).to.equal(r2.sha256);
        const old = await rawGetFollowing(`/api/v1/datasets/${id}/releases/2021-01/data.csv?revision=1`);
        expect(sha256(old.body)).to.equal(first!.sha256);
        expect(old.redirect!.headers['cache-control']).to.equal('public, max-age=0, must-revalidate');
        const cited = await rawGetFollowing(
          `/api/v1/datasets/${id}/releases/2021-01/data.csv?revision=1&asOf=${new Date(Date.now() - 1).toISOString()}`,
        );
        expect(cited.redirect!.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
        expect(sha256(cited.body)).to.equal(first!.sha256);
        expect(old.body.toString('utf8')).to.contain('say ""hi""');
      });
    });
  });
});
