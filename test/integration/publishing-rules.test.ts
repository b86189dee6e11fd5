import { expect } from 'chai';
import iconv from 'iconv-lite';
import { formatPeriod, nextPeriod, parsePeriod, periodContaining, shanghaiDate } from '../../src/periods';
import { adminHeaders, bearer } from '../support/auth';
import { AGRI_HEADER, AGRI_ROWS } from '../support/fixtures';
import { testDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset } from '../support/tiny-dataset';

/**
 * Publishing rules that a script relies on, each through HTTP against the agri-prices
 * seeds: a dry run predicts the real answer, revisions need something to revise, ids
 * and database faults come back as stable codes that name the field, audits say where
 * a write came from, and duplicate rows name both lines.
 */
const DS = 'agri-prices';
const RELEASES = '/api/v1/datasets/{datasetId}/releases';
/** A seeded period (the seeds publish 2017-W01 … 2026-W46). */
const SEEDED = '2017-W19';

/** Periods from 2031-W01 on: far from the periods the other test files use. */
let next = parsePeriod('2031-W01', 'week');
async function freshPeriod(): Promise<string> {
  for (;;) {
    const text = formatPeriod(next);
    next = nextPeriod(next);
    const { body } = await getJson(`/api/v1/datasets/${DS}/releases?period=${text}`, {
      headers: adminHeaders(),
    });
    if (body.data.length === 0) return text;
  }
}

const csvFor = (period: string, rows: readonly string[] = AGRI_ROWS) =>
  `${AGRI_HEADER}\n${rows.map((r) => r.replace('2026-W48', period)).join('\n')}\n`;

async function upload(period: string, body: RequestInit['body'], query = '', contentType = 'text/csv') {
  return getJson(`/api/v1/datasets/${DS}/releases?period=${period}${query}`, {
    method: 'POST',
    headers: {
      ...(await bearer('sx-agriculture')),
      'content-type': contentType,
      'user-agent': 'rules-test/1',
    },
    body,
    signal: AbortSignal.timeout(60_000),
  });
}

async function releaseCount(period: string): Promise<number> {
  const { body } = await getJson(`/api/v1/datasets/${DS}/releases?period=${period}`, {
    headers: adminHeaders(),
  });
  return body.data.length;
}

describe('publishing rules over HTTP', function () {
  this.timeout(120_000);
  before(async () => {
    await testServer();
  });

  describe('a dry run answers what the real upload would', () => {
    it('refuses a period that already has a release, without revise, with 409 release_exists', async () => {
      const csv = csvFor(SEEDED);
      const dry = await upload(SEEDED, csv, '&dryRun=true');
      const real = await upload(SEEDED, csv);
      expect(real.status).to.equal(409);
      expect(dry.status, JSON.stringify(dry.body)).to.equal(409);
      assertMatchesSpec(RELEASES, 'post', 409, dry.body);
      expect(dry.body.error).to.deep.equal(real.body.error);
      expect(dry.body.error.code).to.equal('release_exists');
      expect(dry.body.error.details).to.deep.equal({
        period: SEEDED,
        revision: real.body.error.details.revision,
      });
    });

    it('validates a revision of such a period when asked for one, with a reason', async () => {
      const dry = await upload(SEEDED, csvFor(SEEDED), '&dryRun=true&revise=true&reason=%E6%9B%B4%E6%AD%A3');
      expect(dry.status, JSON.stringify(dry.body)).to.equal(200);
      assertMatchesSpec(RELEASES, 'post', 200, dry.body);
      expect(dry.body.data.report).to.include({ valid: true, rowCount: AGRI_ROWS.length });
    });
  });

  describe('a period that has not ended', () => {
    // A dataset without a lead time, as most are (the test server gives agri-prices one).
    let id: string;
    before(async () => {
      id = await createTinyDataset(
        'unended',
        [{ name: 'amount', type: 'number', title: { zh: '金额', en: 'Amount' } }],
        ['period'],
      );
    });
    const month = (offset: number) => {
      let p = periodContaining('month', shanghaiDate(new Date()));
      for (let i = 0; i < offset; i++) p = nextPeriod(p);
      return formatPeriod(p);
    };

    it('is refused, real or dry, with period_not_ended and the instant it becomes publishable', async () => {
      for (const period of [month(0), month(1), '2030-10']) {
        for (const query of ['', '&dryRun=true']) {
          const res = await getJson(`/api/v1/datasets/${id}/releases?period=${period}${query}`, {
            method: 'POST',
            headers: { ...adminHeaders(), 'content-type': 'text/csv' },
            body: `period,amount\n${period},1\n`,
          });
          expect(res.status, `${period}${query}`).to.equal(400);
          expect(res.body.error.code).to.equal('period_not_ended');
          expect(res.body.error.details).to.include({ period, leadTime: null });
          expect(Date.parse(res.body.error.details.releasableFrom)).to.be.greaterThan(Date.now());
          assertMatchesSpec(RELEASES, 'post', 400, res.body);
        }
      }
      const { body } = await getJson(`/api/v1/datasets/${id}/releases`, { headers: adminHeaders() });
      expect(body.data).to.deep.equal([]);
      const ended = await getJson(`/api/v1/datasets/${id}/releases?period=2024-01`, {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': 'text/csv' },
        body: 'period,amount\n2024-01,1\n',
      });
      expect(ended.status, JSON.stringify(ended.body)).to.equal(201);
    });

    it('is publishable ahead of its end by a dataset that declares a lead time (budgets: a year)', async () => {
      const budgets = await getJson('/api/v1/datasets/budgets-final-accounts');
      expect(budgets.body.data.leadTime).to.equal('P1Y');
      const tiny = await getJson(`/api/v1/datasets/${id}`);
      expect(tiny.body.data.leadTime).to.equal(null);
    });

    it('refuses a lead time that is not an ISO 8601 duration when a dataset is defined', async () => {
      const res = await getJson('/api/v1/datasets', {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({
          ...testDatasetBody(`lead-${Date.now().toString(36)}`, 'sx-finance'),
          leadTime: 'a year',
        }),
      });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_dataset');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['$.leadTime']);
    });
  });

  describe('revise=true needs a release to revise', () => {
    it('answers 409 nothing_to_revise for a period without a release, real or dry, and stores nothing', async () => {
      const period = await freshPeriod();
      for (const dryRun of ['', '&dryRun=true']) {
        const res = await upload(period, csvFor(period), `&revise=true&reason=%E6%9B%B4%E6%AD%A3${dryRun}`);
        expect(res.status, JSON.stringify(res.body)).to.equal(409);
        assertMatchesSpec(RELEASES, 'post', 409, res.body);
        expect(res.body.error.code).to.equal('nothing_to_revise');
        expect(res.body.error.details).to.deep.equal({ period });
      }
      expect(await releaseCount(period)).to.equal(0);
      // Without revise the same file would be a first release.
      const plain = await upload(period, csvFor(period), '&dryRun=true');
      expect(plain.status, JSON.stringify(plain.body)).to.equal(200);
      expect(plain.body.data.report.valid).to.equal(true);
    });
  });

  describe('numeric path ids', () => {
    it('answers an over-long token id with 400 naming tokenId, not a database error', async () => {
      for (const id of ['12345678901234567890', '2147483648', '0', '01']) {
        const res = await getJson(`/api/v1/admin/tokens/${id}`, {
          method: 'DELETE',
          headers: adminHeaders(),
        });
        expect(res.status, id).to.equal(400);
        assertMatchesSpec('/api/v1/admin/tokens/{tokenId}', 'delete', 400, res.body);
        expect(res.body.error.code).to.equal('invalid_parameter');
        expect(res.body.error.details).to.include({ parameter: 'tokenId', value: id, maximum: 2147483647 });
      }
      const largest = await getJson('/api/v1/admin/tokens/2147483647', {
        method: 'DELETE',
        headers: adminHeaders(),
      });
      expect(largest.status).to.equal(404);
      expect(largest.body.error.code).to.equal('token_not_found');
    });

    it('answers an over-long schema version with 400 naming version', async () => {
      const res = await getJson(`/api/v1/datasets/${DS}/schema/versions/99999999999999999999`);
      expect(res.status).to.equal(400);
      assertMatchesSpec('/api/v1/datasets/{datasetId}/schema/versions/{version}', 'get', 400, res.body);
      expect(res.body.error.details).to.include({ parameter: 'version', value: '99999999999999999999' });
    });
  });

  describe('database faults', () => {
    it('reports a duplicate dataset id by constraint and column, without PostgreSQL’s text', async () => {
      const res = await getJson('/api/v1/datasets', {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({
          id: DS,
          title: { zh: '重复', en: 'Duplicate' },
          description: { zh: '重复', en: 'Duplicate' },
          agencies: ['sx-agriculture'],
          legalBasis: '晋政办发〔2017〕50号',
          clause: '三(五)',
          cadence: 'weekly',
          dueRule: { offset: 'P2D', time: '09:30' },
          licence: 'CC-BY-4.0',
        }),
      });
      expect(res.status).to.equal(409);
      assertMatchesSpec('/api/v1/datasets', 'post', 409, res.body);
      expect(res.body.error.code).to.equal('conflict');
      expect(res.body.error.details).to.deep.equal({
        constraint: 'datasets_pkey',
        table: 'datasets',
        column: null,
        columns: ['id'],
      });
      const text = JSON.stringify(res.body);
      for (const leak of ['Key (', 'already exists.', 'Failing row', DS]) expect(text).to.not.contain(leak);
    });

    it('refuses a NUL character in a JSON value as a row error, not a 500', async () => {
      const period = await freshPeriod();
      const rows = [
        {
          period,
          city: '140100',
          market: '太原市河西农产品批发市场',
          product: '猪\u0000肉',
          category: '畜禽产品',
          avg_price: 1,
          min_price: 1,
          max_price: 1,
        },
      ];
      const res = await upload(period, JSON.stringify(rows), '', 'application/json');
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      assertMatchesSpec(RELEASES, 'post', 400, res.body);
      expect(res.body.error.code).to.equal('invalid_json_record');
      expect(res.body.error.details).to.deep.equal({ row: 1, column: 'product' });
      expect(await releaseCount(period)).to.equal(0);
    });
  });

  describe('audit entries record where a write came from', () => {
    it('has ip and user agent for agency.upsert and dataset.create', async () => {
      const id = `audit-${Date.now().toString(36)}`;
      const headers = {
        ...adminHeaders(),
        'content-type': 'application/json',
        'user-agent': 'audit-test/2.0',
      };
      const agency = await getJson('/api/v1/agencies', {
        method: 'POST',
        headers,
        body: JSON.stringify({ id, name: { zh: '审计测试厅', en: 'Audit test' } }),
      });
      expect(agency.status, JSON.stringify(agency.body)).to.equal(201);
      const dataset = await getJson('/api/v1/datasets', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          id,
          title: { zh: '审计测试', en: 'Audit test' },
          description: { zh: '测试', en: 'test' },
          agencies: [id],
          legalBasis: '晋政办发〔2017〕50号',
          clause: '三(五)',
          cadence: 'weekly',
          dueRule: { offset: 'P2D', time: '09:30' },
          licence: 'CC-BY-4.0',
        }),
      });
      expect(dataset.status, JSON.stringify(dataset.body)).to.equal(201);
      const { body } = await getJson('/api/v1/admin/audit?limit=50', { headers: adminHeaders() });
      for (const action of ['agency.upsert', 'dataset.create']) {
        const entry = body.data.find(
          (e: { action: string; detail: { agency?: string }; dataset_id: string | null }) =>
            e.action === action && (e.dataset_id === id || e.detail.agency === id),
        );
        expect(entry, action).to.not.equal(undefined);
        expect(entry.user_agent, action).to.equal('audit-test/2.0');
        expect(entry.ip, action).to.match(/127\.0\.0\.1|::1/);
        expect(entry.request_id, action).to.be.a('string').and.not.equal('');
      }
    });
  });

  describe('duplicate rows', () => {
    it('names both rows of a repeated primary key, in the real and the dry run alike', async () => {
      const period = await freshPeriod();
      const rows = [...AGRI_ROWS, AGRI_ROWS[1]!.replace('8.20', '8.40'), AGRI_ROWS[0]!];
      for (const query of ['&dryRun=true', '']) {
        const res = await upload(period, csvFor(period, rows), query);
        const report = query ? res.body.data.report : res.body.error.details;
        expect(res.status).to.equal(query ? 200 : 400);
        assertMatchesSpec(RELEASES, 'post', res.status, res.body);
        expect(report).to.include({ valid: false, errorCount: 2 });
        expect(
          report.errors.map((e: { row: number; otherRow: number; rule: string }) => [
            e.row,
            e.otherRow,
            e.rule,
          ]),
        ).to.deep.equal([
          [5, 3, 'duplicate_key'],
          [6, 2, 'duplicate_key'],
        ]);
        expect(report.errors[0].value).to.equal(`${period},140100,太原市河西农产品批发市场,鸡蛋`);
      }
      expect(await releaseCount(period)).to.equal(0);
    });
  });

  describe('where a JSON upload breaks', () => {
    const broken = (period: string) =>
      `[\n  {"period": "${period}", "city": "140100", "market": "太原市河西农产品批发市场",\n   "product" "猪肉"}\n]`;

    it('is a byte offset in the file, with line and column, for UTF-8 with a byte-order mark', async () => {
      const period = await freshPeriod();
      const text = broken(period);
      const res = await upload(
        period,
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        '',
        'application/json',
      );
      expect(res.status).to.equal(400);
      assertMatchesSpec(RELEASES, 'post', 400, res.body);
      expect(res.body.error.code).to.equal('invalid_json');
      // The string "猪肉" where a colon should be: line 3, column 14.
      const at = text.indexOf('"猪肉"');
      expect(res.body.error.details).to.deep.equal({
        byteOffset: 3 + Buffer.byteLength(text.slice(0, at)),
        line: 3,
        column: 14,
      });
    });

    it('counts the bytes of a GBK file as GBK', async () => {
      const period = await freshPeriod();
      const text = broken(period);
      const res = await upload(period, iconv.encode(text, 'gbk'), '', 'application/json; charset=gbk');
      expect(res.status).to.equal(400);
      expect(res.body.error.details).to.deep.equal({
        byteOffset: iconv.encode(text.slice(0, text.indexOf('"猪肉"')), 'gbk').length,
        line: 3,
        column: 14,
      });
    });
  });
});
