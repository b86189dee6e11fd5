import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import YAML from 'yaml';
import { adminHeaders, bearer } from '../support/auth';
import { testDatasetBody } from '../support/dataset-body';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

/**
 * Every input a client controls has a bound, and a breach is a 4xx with a stable code
 * whose details name the parameter, field or place at fault (README: "Limits on
 * untrusted input"). Assertions are on status, code and what is named; never on message
 * text or on time.
 */

const AGRI = 'agri-prices';
const AGENCY = 'sx-agriculture';
const ROWS = '/api/v1/datasets/{datasetId}/rows';
const AGG = '/api/v1/datasets/{datasetId}/aggregate';
const VERSIONS = '/api/v1/datasets/{datasetId}/schema/versions';
const RELEASES = '/api/v1/datasets/{datasetId}/releases';

const spec = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8'));

type Res = { status: number; body: any };

function expectError(res: Res, status: number, code: string, details: Record<string, unknown> = {}) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(status);
  expect(res.body.error.code).to.equal(code);
  for (const [k, v] of Object.entries(details)) expect(res.body.error.details[k], k).to.deep.equal(v);
}

/** The JSON paths of a document error's issues. */
const paths = (res: Res) => (res.body.error.details as { path: string }[]).map((i) => i.path);

const json = (body: unknown, auth: Record<string, string> = adminHeaders()) => ({
  method: 'POST',
  headers: { ...auth, 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();
const rows = async (params: Record<string, string>) => {
  const res = await getJson(`/api/v1/datasets/${AGRI}/rows?${qs(params)}`);
  if (res.status === 200 || res.status === 400) assertMatchesSpec(ROWS, 'get', res.status, res.body);
  return res;
};
const aggregate = async (query: string) => {
  const res = await getJson(`/api/v1/datasets/${AGRI}/aggregate?${query}`);
  if (res.status === 200 || res.status === 400) assertMatchesSpec(AGG, 'get', res.status, res.body);
  return res;
};

/** `[[[…]]]` nested `depth` levels, as a value inside `wrap`. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const datasetInput = (id: string) =>
  testDatasetBody(id, AGENCY, { cadence: 'monthly', titleZh: '边界测试', titleEn: 'Bounds test' });

const periodField = {
  name: 'period',
  type: 'period',
  periodKind: 'month',
  title: { zh: '月份', en: 'Month' },
};
const codeField = (constraints: Record<string, unknown>) => ({
  name: 'code',
  type: 'string',
  title: { zh: '代码', en: 'Code' },
  constraints,
});

describe('every untrusted input has a bound', function () {
  this.timeout(300_000);
  before(async () => {
    await testServer();
  });

  describe('q (search text)', () => {
    const opMaxLength = (p: string, name: string): number => {
      const param = spec.paths[p].get.parameters.find((x: { name?: string }) => x.name === name);
      return param.schema.maxLength;
    };

    it('enforces exactly the maxLength openapi.yaml declares, in characters, on every search', async () => {
      const max = opMaxLength('/api/v1/datasets', 'q');
      expect(spec.components.parameters.DataQ.schema.maxLength).to.equal(max);
      expect(opMaxLength('/', 'q')).to.equal(max);
      // Astral characters are two UTF-16 units each: JSON Schema counts characters.
      const atLimit = '粮'.repeat(max - 1) + '😀';
      const over = '粮'.repeat(max + 1);

      const list = (q: string) => getJson(`/api/v1/datasets?${qs({ q })}`);
      const ok = await list(atLimit);
      expect(ok.status).to.equal(200);
      assertMatchesSpec('/api/v1/datasets', 'get', 200, ok.body);
      const refused = await list(over);
      expectError(refused, 400, 'invalid_parameter', { parameter: 'q' });
      assertMatchesSpec('/api/v1/datasets', 'get', 400, refused.body);
      // Padding counts: the bound is on the parameter as sent.
      expectError(await list(`${' '.repeat(max)}粮`), 400, 'invalid_parameter', { parameter: 'q' });

      expect((await rows({ q: atLimit, limit: '1' })).status).to.equal(200);
      expectError(await rows({ q: over }), 400, 'invalid_parameter', { parameter: 'q' });
      expectError(await aggregate(`count&${qs({ q: over })}`), 400, 'invalid_parameter', { parameter: 'q' });

      expect((await getJson(`/?${qs({ q: atLimit })}`)).status).to.equal(200);
      expectError(await getJson(`/?${qs({ q: over })}`), 400, 'invalid_parameter', { parameter: 'q' });
    });
  });

  describe('row filters, fields, sort and aggregates', () => {
    // Codes the city field's enum allows (GB/T 2260), repeated: a value outside it is a clear miss.
    const cities = (n: number) =>
      Array.from({ length: n }, (_, i) => String(140100 + 100 * (i % 11))).join(',');

    it('caps an IN list at 1000 values and names the query key', async () => {
      expect((await rows({ city: cities(1000), limit: '1' })).status).to.equal(200);
      expectError(await rows({ city: cities(1001) }), 400, 'invalid_filter_value', {
        parameter: 'city',
        field: 'city',
        maxItems: 1000,
      });
      expectError(await rows({ 'city[in]': cities(1001) }), 400, 'invalid_filter_value', {
        parameter: 'city[in]',
        maxItems: 1000,
      });
    });

    it('caps each filter value at 500 characters', async () => {
      expect((await rows({ 'market[contains]': '太'.repeat(500), limit: '1' })).status).to.equal(200);
      expectError(await rows({ 'market[contains]': '太'.repeat(501) }), 400, 'invalid_filter_value', {
        parameter: 'market[contains]',
        maxLength: 500,
      });
      expectError(await rows({ city: `140100,${'1'.repeat(501)}` }), 400, 'invalid_filter_value', {
        parameter: 'city',
        maxLength: 500,
      });
    });

    it('caps the number of filters at 50', async () => {
      const filters = (n: number) => Array.from({ length: n }, () => 'avg_price%5Bgte%5D=0').join('&');
      const ok = await getJson(`/api/v1/datasets/${AGRI}/rows?limit=1&${filters(50)}`);
      expect(ok.status).to.equal(200);
      const res = await getJson(`/api/v1/datasets/${AGRI}/rows?${filters(51)}`);
      expectError(res, 400, 'invalid_parameter', { parameter: 'filters', maxItems: 50 });
      assertMatchesSpec(ROWS, 'get', 400, res.body);
    });

    it('refuses a field named twice in fields, and more than 10 sort keys', async () => {
      expectError(await rows({ fields: 'period,city,period' }), 400, 'invalid_parameter', {
        parameter: 'fields',
        field: 'period',
      });
      const sort = Array.from({ length: 11 }, () => 'city').join(',');
      expectError(await rows({ sort }), 400, 'invalid_parameter', { parameter: 'sort', maxItems: 10 });
      // Eleven keys is refused for its count before any key is resolved.
      expectError(await rows({ sort: `${sort},nope` }), 400, 'invalid_parameter', { parameter: 'sort' });
    });

    it('caps groupBy at 8 fields, each once, and measures at 20 in all', async () => {
      const nine = 'period,city,market,product,category,avg_price,min_price,max_price,city';
      expectError(await aggregate(`count&groupBy=${nine}`), 400, 'invalid_parameter', {
        parameter: 'groupBy',
        maxItems: 8,
      });
      expectError(await aggregate('count&groupBy=city,city'), 400, 'invalid_parameter', {
        parameter: 'groupBy',
        field: 'city',
      });
      const ten = Array.from({ length: 10 }, () => 'avg_price').join(',');
      expectError(await aggregate(`avg=${ten}&min=avg_price&sum=${ten}`), 400, 'invalid_parameter', {
        parameter: 'sum',
        maxItems: 20,
      });
    });
  });

  describe('admin and agency texts', () => {
    it('bounds a token name at 200 characters (it is part of every audit entry the token makes)', async () => {
      const mint = (name: string) =>
        getJson('/api/v1/admin/tokens', json({ name, role: 'publisher', agency: AGENCY }));
      const ok = await mint('数'.repeat(200));
      expect(ok.status).to.equal(201);
      const refused = await mint('数'.repeat(201));
      expectError(refused, 400, 'invalid_token_request');
      expect(paths(refused)).to.deep.equal(['$.name']);
      assertMatchesSpec('/api/v1/admin/tokens', 'post', 400, refused.body);
      const huge = await mint('x'.repeat(2 * 1024 * 1024 - 100));
      expectError(huge, 400, 'invalid_token_request');
      expect(paths(huge)).to.deep.equal(['$.name']);
    });

    it('bounds every text and list of a dataset definition, naming each path', async () => {
      const res = await getJson(
        '/api/v1/datasets',
        json({
          ...datasetInput(`bounds-def-${Date.now().toString(36)}`),
          title: { zh: '题'.repeat(201), en: 'ok' },
          description: { zh: 'ok', en: 'd'.repeat(2001) },
          legalBasis: 'l'.repeat(201),
          tags: Array.from({ length: 51 }, (_, i) => `t${i}`),
          themes: ['主题'.repeat(101)],
          agencies: Array.from({ length: 51 }, () => AGENCY),
        }),
      );
      expectError(res, 400, 'invalid_dataset');
      assertMatchesSpec('/api/v1/datasets', 'post', 400, res.body);
      expect(paths(res)).to.have.members([
        '$.title.zh',
        '$.description.en',
        '$.legalBasis',
        '$.agencies',
        '$.themes[0]',
        '$.tags',
      ]);
    });

    it('bounds agency names and a status mark reason', async () => {
      const agency = await getJson(
        '/api/v1/agencies',
        json({ id: 'bounds-agency', name: { zh: '厅'.repeat(201), en: 'Dept' }, homepage: null }),
      );
      expectError(agency, 400, 'invalid_agency');
      expect(paths(agency)).to.deep.equal(['$.name.zh']);

      const status = await getJson(`/api/v1/datasets/${AGRI}/status`, {
        ...json({ status: 'repealed', date: '2020-01-01', reason: '因'.repeat(2001) }),
        method: 'PUT',
      });
      expectError(status, 400, 'invalid_status');
      expect(paths(status)).to.deep.equal(['$.reason']);
    });

    it('keeps at most 512 characters of a user agent in the audit log', async () => {
      const userAgent = `bounds-test/${'u'.repeat(10_000)}`;
      const res = await getJson('/api/v1/admin/tokens', {
        ...json({ name: 'ua-bound', role: 'admin' }),
        headers: { ...adminHeaders(), 'content-type': 'application/json', 'user-agent': userAgent },
      });
      expect(res.status).to.equal(201);
      const { body } = await getJson('/api/v1/admin/audit?limit=20', { headers: adminHeaders() });
      const entry = body.data.find(
        (e: { action: string; detail: { tokenId?: number } }) =>
          e.action === 'token.create' && e.detail.tokenId === res.body.data.id,
      );
      expect(entry.user_agent).to.equal(userAgent.slice(0, 512));
    });
  });

  describe('JSON request bodies', () => {
    it('refuses a body nested deeper than 64 levels with json_too_deep naming line and column', async () => {
      const deep = `{"name":"t","role":"admin",\n "x": ${nested(64)}}`;
      const res = await getJson('/api/v1/admin/tokens', json(deep));
      expectError(res, 400, 'json_too_deep', { parameter: 'body', line: 2, column: 70, maxDepth: 64 });
      assertMatchesSpec('/api/v1/admin/tokens', 'post', 400, res.body);
      // One level less is parsed and judged on its content.
      const ok = await getJson('/api/v1/admin/tokens', json(`{"name":"t","role":"admin","x":${nested(63)}}`));
      expect(ok.status).to.equal(201);
      // Brackets inside strings are text, not nesting.
      const text = await getJson('/api/v1/admin/tokens', json({ name: '['.repeat(150), role: 'admin' }));
      expect(text.status).to.equal(201);
    });

    it('refuses a 2 MB body of brackets without parsing it', async () => {
      const res = await getJson('/api/v1/datasets', json(nested(1_000_000)));
      expectError(res, 400, 'json_too_deep', { parameter: 'body', line: 1, column: 65 });
    });
  });

  describe('schema registration and uploads', () => {
    const id = `bounds-${Date.now().toString(36)}`;
    const base = `/api/v1/datasets/${id}`;
    const register = (doc: unknown) => getJson(`${base}/schema/versions`, json(doc));
    const upload = async (csv: string, query: string) =>
      getJson(`${base}/releases?${query}`, {
        method: 'POST',
        headers: { ...(await bearer(AGENCY)), 'content-type': 'text/csv' },
        body: csv,
      });

    before(async () => {
      const res = await getJson('/api/v1/datasets', json(datasetInput(id)));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    });

    it('refuses a backreference or lookaround pattern at registration, naming the pattern', async () => {
      for (const pattern of ['(a)\\1', '^14\\d{2}(?!00)\\d{2}$', '(?<=a)b']) {
        const res = await register({ fields: [periodField, codeField({ pattern })], primaryKey: ['period'] });
        expectError(res, 400, 'invalid_schema');
        assertMatchesSpec(VERSIONS, 'post', 400, res.body);
        expect(paths(res), pattern).to.deep.equal(['$.fields[1].constraints.pattern']);
      }
    });

    it('bounds the lists and texts of a schema document', async () => {
      const res = await register({
        fields: [
          { ...periodField, title: { zh: '月'.repeat(201), en: 'Month' } },
          codeField({ enum: Array.from({ length: 5001 }, (_, i) => `c${i}`) }),
          codeField({ pattern: 'a'.repeat(1001) }),
        ],
        primaryKey: ['period'],
        missingValues: Array.from({ length: 51 }, (_, i) => `NA${i}`),
      });
      expectError(res, 400, 'invalid_schema');
      expect(paths(res)).to.include.members([
        '$.fields[0].title.zh',
        '$.fields[1].constraints.enum',
        '$.fields[2].constraints.pattern',
        '$.missingValues',
      ]);
    });

    it('answers an upload promptly against a catastrophic-backtracking pattern, both ways', async () => {
      const reg = await register({
        fields: [periodField, codeField({ pattern: '(a+)+$', required: true })],
        primaryKey: ['period'],
      });
      expect(reg.status, JSON.stringify(reg.body)).to.equal(201);

      // 30 × 'a' then '!' takes a backtracking engine about 2^30 steps; RE2 one pass.
      const hostile = await upload(`period,code\n2026-01,${'a'.repeat(30)}!\n`, 'period=2026-01');
      expectError(hostile, 400, 'validation_failed');
      assertMatchesSpec(RELEASES, 'post', 400, hostile.body);
      expect(hostile.body.error.details.errors[0]).to.include({ row: 2, column: 'code', rule: 'pattern' });

      const matching = await upload(`period,code\n2026-01,${'a'.repeat(5000)}\n`, 'period=2026-01');
      expect(matching.status, JSON.stringify(matching.body).slice(0, 300)).to.equal(201);
    });

    it('bounds a release note and a revision reason at 2000 characters', async () => {
      const csv = `period,code\n2026-02,aaa\n`;
      expectError(await upload(csv, `period=2026-02&note=${'n'.repeat(2001)}`), 400, 'invalid_parameter', {
        parameter: 'note',
        maxLength: 2000,
      });
      expect((await upload(csv, `period=2026-02&note=${'n'.repeat(2000)}`)).status).to.equal(201);
      // ASCII: the whole request line must stay under Node's 16 KiB header limit (else 431).
      const reason = 'r'.repeat(2001);
      expectError(
        await upload(csv, `period=2026-02&revise=true&reason=${reason}`),
        400,
        'invalid_parameter',
        {
          parameter: 'reason',
        },
      );
    });

    it('refuses a multipart form with more than 20 parts before its file', async () => {
      const form = new FormData();
      for (let i = 0; i < 25; i++) form.append(`field${i}`, 'x');
      form.append('file', new Blob(['period,code\n2026-03,aaa\n'], { type: 'text/csv' }), 'data.csv');
      const res = await getJson(`${base}/releases?period=2026-03`, {
        method: 'POST',
        headers: await bearer(AGENCY),
        body: form,
      });
      expectError(res, 400, 'invalid_multipart', { parameter: 'body', maxParts: 20 });
      assertMatchesSpec(RELEASES, 'post', 400, res.body);
    });
  });
});
