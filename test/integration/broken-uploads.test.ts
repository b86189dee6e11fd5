import { expect } from 'chai';
import { bearer } from '../support/auth';
import { isolatedDatabase, startChildServer, type ChildServer } from '../support/child-server';
import {
  AGRI_ROWS,
  agriJsonPrefix,
  agriJsonRecord,
  brokenFixture,
  csvWithBlankColumns,
  csvWithHugeField,
  jsonWithValue,
  MIB,
  ndjsonWithValue,
} from '../support/fixtures';
import { getJson, testServer } from '../support/server';
import { weeklyDatasetBody } from '../support/dataset-body';

/**
 * A corpus of broken uploads for agri-prices. Every one must be refused with a 4xx that
 * names its stable code and the exact place at fault, and must leave the dataset exactly
 * as it was: same releases, same checksums, same row counts. Add a case by adding a row
 * to CASES (and, if it is small, its file under test/fixtures/broken).
 */

const DATASET = 'agri-prices';
const TARGET = '2026-W48';
/** A seeded period (the seeds publish 2017-W01 … 2026-W46), for the revision cases. */
const SEEDED = '2017-W19';
const BOUNDARY = 'XBOUNDARYbroken7MA4YWxkTrZu0gW';
const PRICE_KEY = 'period,city,market,product';
/**
 * An upload that gets no answer in this time is reported as a hang, not left to mocha's timeout.
 *
 * Regression guard (fixed in 8868375): on PostgreSQL an upload refused after its COPY had
 * started (every case here that reaches the rows) used to leave COPY ... FROM STDIN open; the
 * ROLLBACK queued behind it never ran, the request got no answer, the pooled connection was lost
 * and the dataset's advisory lock was held, so every later upload got 503 query_timeout.
 */
const UPLOAD_TIMEOUT_MS = 60_000;

interface FirstError {
  row: number;
  column: string;
  rule: string;
}

interface BrokenUpload {
  /** The fixture under test/fixtures/broken (or, with `generate`, the name of a generated one). */
  file: string;
  /** Builds uploads too large to commit. */
  generate?: () => Buffer;
  /** Send the body as separate network chunks, cut at these byte offsets. */
  splitAt?: number[];
  /** Content-Type header; default text/csv; null sends none. */
  contentType?: string | null;
  /** Query string; default period=2026-W48. */
  query?: string;
  /** The period whose rows are counted before and after; default 2026-W48. */
  period?: string;
  status: number;
  code: string;
  /** Deep-included into error.details. */
  details?: Record<string, unknown>;
  /** For validation_failed: the first reported error, exactly. */
  firstError?: FirstError;
  errorCount?: number;
  totalsByRule?: Record<string, number>;
  /** Further checks on error.details. */
  check?: (details: any) => void;
}

const invalidEncoding = (byteOffset: number, encoding: string, reason: string) => ({
  status: 400,
  code: 'invalid_encoding',
  details: { byteOffset, encoding, reason },
});

const csvError = (line: number, column: number, reason: string) => ({
  status: 400,
  code: 'csv_parse_error',
  details: { line, column, reason },
});

const failed = (firstError: FirstError, errorCount = 1) => ({
  status: 400,
  code: 'validation_failed',
  firstError,
  errorCount,
  totalsByRule: { [firstError.rule]: errorCount },
});

/** The column of the second `[` of record 2's avg_price: one level past a record's values. */
const DEEP_COLUMN = agriJsonPrefix(AGRI_ROWS[1]).length + 2;
const deepValue = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

const header = (unknown: string[], missing: string[], duplicate: string[]) => ({
  status: 400,
  code: 'invalid_header',
  details: { unknown, missing, duplicate },
});

const CASES: BrokenUpload[] = [
  // --- CSV structure --------------------------------------------------------------------
  // A row of the wrong width is a row error like any other: the rest of the file is checked.
  {
    file: 'ragged-row-too-few-columns.csv',
    ...failed({ row: 3, column: 'max_price', rule: 'field_count' }),
    check: (d) => expect(d.errors[0]).to.include({ expected: 8, found: 7 }),
  },
  {
    file: 'ragged-row-too-many-columns.csv',
    ...failed({ row: 4, column: '#9', rule: 'field_count' }),
    check: (d) => expect(d.errors[0]).to.include({ expected: 8 }),
  },
  {
    file: 'ragged-rows-among-bad-values.csv (generated)',
    generate: () =>
      Buffer.from(
        [
          'period,city,market,product,category,avg_price,min_price,max_price',
          '2026-W48,140100,太原市河西农产品批发市场,猪肉,畜禽产品,22.50,20.10',
          '2026-W48,140100,太原市河西农产品批发市场,鸡蛋,畜禽产品,abc,7.60,8.90',
          '2026-W48,140200,大同市御东农产品批发市场,大白菜,蔬菜,1.35,1.10,1.60,周末价',
          '2026-W48,140200,大同市御东农产品批发市场,苹果,水果,7.10,6.40,7.90',
        ].join('\n'),
      ),
    status: 400,
    code: 'validation_failed',
    firstError: { row: 2, column: 'max_price', rule: 'field_count' },
    errorCount: 3,
    totalsByRule: { field_count: 2, type: 1 },
  },
  // The quote opens on line 3 (field 3, market) and is never closed: the error names where it
  // opened, not the end of the file (line 5) where csv-parse gives up.
  { file: 'unclosed-quote.csv', ...csvError(3, 3, 'CSV_QUOTE_NOT_CLOSED') },
  { file: 'stray-quote-in-unquoted-field.csv', ...csvError(4, 4, 'INVALID_OPENING_QUOTE') },
  {
    file: 'record-over-16mb.csv (generated)',
    generate: () => csvWithHugeField(17 * MIB),
    ...csvError(3, 4, 'CSV_MAX_RECORD_SIZE'),
  },

  // --- values -----------------------------------------------------------------------------
  { file: 'text-in-price.csv', ...failed({ row: 3, column: 'avg_price', rule: 'type' }) },
  { file: 'thousands-separator-price.csv', ...failed({ row: 2, column: 'max_price', rule: 'type' }) },
  { file: 'negative-price.csv', ...failed({ row: 4, column: 'min_price', rule: 'minimum' }) },
  { file: 'empty-required-cell.csv', ...failed({ row: 3, column: 'avg_price', rule: 'required' }) },
  // 1e400 overflows a double and is refused as a type error (src/schemas/decimal.ts); the
  // 23-digit max_price on line 4 is a finite exact decimal with no maximum in the schema, so it
  // is *accepted*: exactly one error.
  { file: 'huge-numbers.csv', ...failed({ row: 3, column: 'avg_price', rule: 'type' }) },
  { file: 'impossible-date-period.csv', ...failed({ row: 3, column: 'period', rule: 'type' }) },
  { file: 'week-54-period.csv', ...failed({ row: 2, column: 'period', rule: 'type' }) },
  {
    file: 'period-cell-differs-from-release.csv',
    ...failed({ row: 5, column: 'period', rule: 'period_mismatch' }),
  },
  { file: 'duplicate-primary-key.csv', ...failed({ row: 5, column: PRICE_KEY, rule: 'duplicate_key' }) },
  { file: 'unknown-city-code.csv', ...failed({ row: 3, column: 'city', rule: 'enum' }) },
  { file: 'market-not-in-enum.csv', ...failed({ row: 4, column: 'market', rule: 'enum' }) },
  { file: 'formula-hyperlink-in-market.csv', ...failed({ row: 2, column: 'market', rule: 'enum' }) },
  { file: 'formula-dde-in-product.csv', ...failed({ row: 3, column: 'product', rule: 'enum' }) },
  { file: 'formula-at-sum-in-product.csv', ...failed({ row: 4, column: 'product', rule: 'enum' }) },
  { file: 'sql-in-market.csv', ...failed({ row: 3, column: 'market', rule: 'enum' }) },
  {
    file: 'huge-field-10mb.csv (generated)',
    generate: () => csvWithHugeField(10 * MIB),
    ...failed({ row: 3, column: 'product', rule: 'enum' }),
    // The report echoes at most 200 characters of a value.
    check: (d) => expect(d.errors[0].value).to.equal(`${'A'.repeat(200)}…`),
  },

  // --- bytes and encodings ----------------------------------------------------------------
  // GBK 大 = B4 F3 starts the market of line 2: byte 82 (66-byte header + "2026-W48,140200,").
  {
    file: 'gbk-labelled-utf8.csv',
    contentType: 'text/csv; charset=utf-8',
    ...invalidEncoding(82, 'utf-8', 'invalid byte sequence'),
  },
  { file: 'utf8-bom-mid-file.csv', ...invalidEncoding(245, 'utf-8', 'byte-order mark inside the file') },
  // The same file, declared UTF-8, arriving in two network chunks cut inside 鸡 (line 3, bytes
  // 210-212): the BOM is still at byte 245. (Was reported as 247 before d81b2d5: the whole 鸡 was
  // counted in chunk 2.)
  {
    file: 'utf8-bom-mid-file.csv, sent in two chunks',
    generate: () => brokenFixture('utf8-bom-mid-file.csv'),
    splitAt: [212],
    contentType: 'text/csv; charset=utf-8',
    ...invalidEncoding(245, 'utf-8', 'byte-order mark inside the file'),
  },
  { file: 'nul-byte.csv', ...invalidEncoding(213, 'utf-8', 'NUL byte') },
  // A lone 0x80 after "太原市" on line 3, at byte 182.
  {
    file: 'lone-continuation-byte-declared-utf8.csv',
    contentType: 'text/csv; charset=utf-8',
    ...invalidEncoding(182, 'utf-8', 'invalid byte sequence'),
  },
  // Undeclared, the same file is sniffed as GB18030 because it is not valid UTF-8; it must still
  // be blamed on UTF-8 byte 182. (Before d81b2d5 it was { byteOffset: 0, encoding: 'gb18030' },
  // or, when the UTF-8 bytes happened to pair up as GBK, silent mojibake.)
  { file: 'lone-continuation-byte.csv', ...invalidEncoding(182, 'utf-8', 'invalid byte sequence') },
  // The file ends with E5 A4 (two of the three bytes of 太) at bytes 243-244; the server
  // reports where the missing third byte should be: the end of the file, byte 245.
  {
    file: 'truncated-utf8-at-eof.csv',
    ...invalidEncoding(245, 'utf-8', 'truncated byte sequence at the end'),
  },
  // A 0xFF byte at offset 175 of a GBK file. (Before d81b2d5: the chunk's offset, 0.)
  {
    file: 'gbk-invalid-byte.csv',
    contentType: 'text/csv; charset=gbk',
    ...invalidEncoding(175, 'gb18030', 'invalid byte sequence'),
  },

  // --- header -----------------------------------------------------------------------------
  { file: 'empty-file.csv', status: 400, code: 'empty_upload', details: { rowCount: 0 } },
  { file: 'header-only.csv', status: 400, code: 'empty_upload', details: { rowCount: 0 } },
  { file: 'unknown-column.csv', ...header(['备注'], [], []) },
  { file: 'missing-required-column.csv', ...header([], ['max_price'], []) },
  { file: 'duplicated-column.csv', ...header([], [], ['平均价格']) },

  // --- JSON and NDJSON --------------------------------------------------------------------
  // A single object instead of an array. (Before d81b2d5: invalid_json_record "Record 1 is not an
  // object", its first member value taken as record 1.)
  { file: 'not-an-array.json', contentType: 'application/json', status: 400, code: 'invalid_json' },
  // An object whose member values are records. (Before d81b2d5 it was published as a 1-row
  // release, 201.) Own period, so a regression cannot spoil the other cases.
  {
    file: 'object-of-records.json',
    contentType: 'application/json',
    query: 'period=2026-W50',
    period: '2026-W50',
    status: 400,
    code: 'invalid_json',
  },
  {
    file: 'nested-object-value.json',
    contentType: 'application/json',
    status: 400,
    code: 'invalid_json_record',
    details: { row: 2, column: 'avg_price' },
  },
  // JSON syntax errors name the byte offset in the file (the unit invalid_encoding uses) and the
  // line and column. (Before: `near`, in characters for some errors and bytes for others.)
  {
    file: 'truncated.json',
    contentType: 'application/json',
    status: 400,
    code: 'invalid_json',
    details: { byteOffset: 387, line: 17, column: 10 }, // the end of the file: inside record 2
  },
  // The comma after "city" of record 2 (line 14) is missing: the parser stops at the next key,
  // "market", which starts line 15 after four spaces.
  {
    file: 'json-missing-comma.json',
    contentType: 'application/json',
    status: 400,
    code: 'invalid_json',
    details: { byteOffset: 302, line: 15, column: 5 },
  },
  {
    file: 'lone-surrogate.json',
    contentType: 'application/json',
    ...failed({ row: 2, column: 'market', rule: 'type' }),
  },
  {
    file: 'json-empty-array.json',
    contentType: 'application/json',
    status: 400,
    code: 'empty_upload',
    details: { rowCount: 0 },
  },
  {
    file: 'broken-line.ndjson',
    contentType: 'application/x-ndjson',
    status: 400,
    code: 'invalid_json',
    details: { line: 3 },
  },
  // --- bounds on what one record may cost (src/ingest/limits.ts) ---------------------------
  // Nesting past a record's values is refused at the bracket, before the parser builds it.
  {
    file: 'deeply-nested-value.json (generated)',
    generate: () => jsonWithValue(deepValue),
    contentType: 'application/json',
    status: 400,
    code: 'json_too_deep',
    details: {
      row: 2,
      line: 3,
      column: DEEP_COLUMN,
      byteOffset: Buffer.byteLength(`[\n${agriJsonRecord(AGRI_ROWS[0])},\n${agriJsonPrefix(AGRI_ROWS[1])}[`),
      maxDepth: 2,
    },
  },
  {
    file: 'deeply-nested-value.ndjson (generated)',
    generate: () => ndjsonWithValue(deepValue),
    contentType: 'application/x-ndjson',
    status: 400,
    code: 'json_too_deep',
    details: { line: 2, column: DEEP_COLUMN, maxDepth: 2 },
  },
  {
    file: 'record-over-16mb.json (generated)',
    generate: () => jsonWithValue(JSON.stringify('A'.repeat(17 * MIB))),
    contentType: 'application/json',
    status: 400,
    code: 'record_too_large',
    details: { row: 2, maxSize: 16 * MIB },
  },
  {
    file: 'line-over-16mb.ndjson (generated)',
    generate: () => ndjsonWithValue(JSON.stringify('A'.repeat(17 * MIB))),
    contentType: 'application/x-ndjson',
    status: 400,
    code: 'record_too_large',
    details: { line: 2, maxSize: 16 * MIB },
  },
  {
    file: 'header-2001-columns.csv (generated)',
    generate: () => csvWithBlankColumns(2001 - 8),
    status: 400,
    code: 'too_many_columns',
    details: { line: 1, columns: 2001, maxColumns: 2000 },
  },
  {
    file: 'ndjson-array-line.ndjson',
    contentType: 'application/x-ndjson',
    status: 400,
    code: 'invalid_json_record',
    details: { row: 2 },
  },

  // --- request shape (the files themselves are valid) -------------------------------------
  {
    file: 'wrong-content-type-xml.csv',
    contentType: 'application/xml',
    status: 415,
    code: 'unsupported_media_type',
    details: { contentType: 'application/xml' },
  },
  {
    file: 'missing-content-type.csv',
    contentType: null,
    status: 415,
    code: 'unsupported_media_type',
    details: { contentType: null },
  },
  {
    file: 'unsupported-charset-latin1.csv',
    contentType: 'text/csv; charset=latin1',
    status: 415,
    code: 'unsupported_charset',
    details: { charset: 'latin1' },
  },
  {
    file: 'period-param-week-99.csv',
    query: 'period=2026-W99',
    status: 400,
    code: 'invalid_period',
    details: { value: '2026-W99', expected: 'week' },
  },
  {
    file: 'period-param-quarter.csv',
    query: 'period=2026-Q1',
    status: 400,
    code: 'invalid_period',
    details: { value: '2026-Q1', expected: 'week' },
  },
  {
    file: 'multipart-no-file-part.txt',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    status: 400,
    code: 'empty_upload',
    details: { parameter: 'file' },
  },
  // A form cut off inside its file part. (Before d81b2d5: 500 internal_error, and an uncaught
  // exception when the request ended before ingest read the part.)
  {
    file: 'multipart-truncated.txt',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    status: 400,
    code: 'invalid_multipart',
  },
  {
    file: 'revise-without-reason.csv',
    query: `period=${SEEDED}&revise=true`,
    period: SEEDED,
    status: 400,
    code: 'reason_required',
    details: { field: 'reason' },
  },
  {
    file: 'release-exists.csv',
    query: `period=${SEEDED}`,
    period: SEEDED,
    status: 409,
    code: 'release_exists',
    details: { period: SEEDED, revision: 1 },
  },
];

interface Snapshot {
  releases: string[];
  rowCount: number;
  releaseCount: number;
  periodRows: number;
}

async function snapshot(period: string): Promise<Snapshot> {
  const headers = await bearer('sx-agriculture');
  const releases = await getJson(`/api/v1/datasets/${DATASET}/releases`, { headers });
  expect(releases.status, 'releases').to.equal(200);
  const dataset = await getJson(`/api/v1/datasets/${DATASET}`, { headers });
  expect(dataset.status, 'dataset').to.equal(200);
  const rows = await getJson(`/api/v1/datasets/${DATASET}/rows?period=${period}&include_total=true&limit=1`, {
    headers,
  });
  expect(rows.status, 'rows').to.equal(200);
  return {
    releases: releases.body.data.map(
      (r: { id: number; period: { id: string }; revision: number; sha256: string; rowCount: number }) =>
        `${r.id} ${r.period.id} r${r.revision} ${r.sha256} ${r.rowCount}`,
    ),
    rowCount: dataset.body.data.rowCount,
    releaseCount: dataset.body.data.releaseCount,
    periodRows: rows.body.meta.total,
  };
}

/** A request body that arrives as separate chunks, a pause between them. */
function chunked(bytes: Buffer, cuts: number[]): ReadableStream<Uint8Array> {
  const bounds = [0, ...cuts, bytes.length];
  const parts = bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end));
  return new ReadableStream({
    async pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else {
        controller.enqueue(next);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
  });
}

async function upload(c: BrokenUpload, extraQuery = '') {
  const bytes = c.generate ? c.generate() : brokenFixture(c.file);
  const body = c.splitAt ? chunked(bytes, c.splitAt) : bytes;
  const headers: Record<string, string> = { ...(await bearer('sx-agriculture')) };
  const contentType = c.contentType === undefined ? 'text/csv' : c.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const url = `/api/v1/datasets/${DATASET}/releases?${c.query ?? `period=${TARGET}`}${extraQuery}`;
  try {
    return await getJson(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
      ...(c.splitAt ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (err) {
    if ((err as Error).name !== 'TimeoutError') throw err;
    throw new Error(`POST ${url} got no answer within ${UPLOAD_TIMEOUT_MS / 1000} s: the server hangs`);
  }
}

describe('broken uploads are refused precisely and store nothing', function () {
  this.timeout(600_000);
  before(async () => {
    await testServer();
  });

  it('has a corpus of at least 32 cases, each with its own file', () => {
    expect(CASES.length).to.be.at.least(32);
    expect(new Set(CASES.map((c) => c.file)).size).to.equal(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.file} → ${c.status} ${c.code}`, async () => {
      const period = c.period ?? TARGET;
      const before = await snapshot(period);

      const res = await upload(c);
      const health = await getJson('/healthz');
      const after = await snapshot(period);

      const shown = JSON.stringify(res.body).slice(0, 2000);
      expect(res.status, shown).to.be.within(400, 499);
      expect(res.body?.error?.code, shown).to.equal(c.code);
      expect(res.status).to.equal(c.status);
      const details = res.body.error.details;
      if (c.details) expect(details).to.deep.include(c.details);
      if (c.firstError) {
        expect(details.valid).to.equal(false);
        expect(details.errors[0]).to.deep.include(c.firstError);
        expect(details.errorCount).to.equal(c.errorCount);
        expect(details.totalsByRule).to.deep.equal(c.totalsByRule);
        expect(details.truncated).to.equal(false);
      }
      c.check?.(details);

      expect(health.status, 'healthz after the upload').to.equal(200);
      expect(after, 'the dataset after the upload').to.deep.equal(before);
    });
  }

  describe('a dry run of a file with data errors answers 200 with the same report', () => {
    for (const c of CASES.filter((x) => x.code === 'validation_failed')) {
      it(`${c.file} (dryRun=true)`, async () => {
        const period = c.period ?? TARGET;
        const before = await snapshot(period);
        const dry = await upload(c, '&dryRun=true');
        expect(dry.status, JSON.stringify(dry.body).slice(0, 2000)).to.equal(200);
        const report = dry.body.data.report;
        expect(report.valid).to.equal(false);
        expect(report.errors[0]).to.deep.include(c.firstError!);
        expect(report.errorCount).to.equal(c.errorCount);

        const real = await upload(c);
        expect(real.status).to.equal(400);
        expect(report).to.deep.equal(real.body.error.details);

        expect((await getJson('/healthz')).status, 'healthz after the uploads').to.equal(200);
        expect(await snapshot(period), 'the dataset after the uploads').to.deep.equal(before);
      });
    }
  });
});

describe('a broken upload does not take the server process down', function () {
  this.timeout(600_000);
  const ADMIN = 'broken-uploads-admin';
  const auth = { authorization: `Bearer ${ADMIN}` };
  let env: Record<string, string>;
  let server: ChildServer | undefined;
  let dropDb: (() => void) | undefined;

  before(() => {
    const db = isolatedDatabase('broken');
    env = { ...db.env, ADMIN_TOKEN: ADMIN, SEED_ON_START: 'false' };
    dropDb = db.drop;
  });

  after(async () => {
    await server?.kill('SIGTERM');
    dropDb?.();
  });

  async function call(method: string, p: string, body?: unknown) {
    const res = await fetch(server!.url + p, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  // A multipart form cut off inside its file part, sent with a bad period: the 400 goes out before
  // anyone reads the part. Before d81b2d5 busboy's Error('Unexpected end of form') was then
  // emitted on a FileStream with no 'error' listener and ended the server process (exit code 1).
  // A child process, because in mocha's process mocha would catch the exception and blame
  // whichever test is running.
  it('multipart-truncated-invalid-period.txt → 400, and the process keeps serving', async () => {
    server = await startChildServer(env);
    expect(
      (await call('POST', '/api/v1/agencies', { id: 'broken-agency', name: { zh: '测试厅', en: 'Test' } }))
        .status,
    ).to.equal(201);
    const created = await call(
      'POST',
      '/api/v1/datasets',
      weeklyDatasetBody('broken-test', 'broken-agency', '损坏上传测试', 'Broken upload test'),
    );
    expect(created.status).to.equal(201);
    const schema = {
      fields: [
        { name: 'period', type: 'period', periodKind: 'week', title: { zh: '统计周', en: 'Week' } },
        { name: 'city', type: 'string', title: { zh: '城市', en: 'City' } },
        { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' } },
      ],
      primaryKey: ['period', 'city'],
    };
    expect((await call('POST', '/api/v1/datasets/broken-test/schema/versions', schema)).status).to.equal(201);

    const res = await fetch(`${server.url}/api/v1/datasets/broken-test/releases?period=2026-W99`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: brokenFixture('multipart-truncated-invalid-period.txt'),
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as any).error.code).to.equal('invalid_period');

    await new Promise((r) => setTimeout(r, 500));
    expect(server.child.exitCode, 'the server process exited').to.equal(null);
    const health = await fetch(`${server.url}/healthz`).catch((err: Error) => err);
    expect(health instanceof Error ? health.message : health.status, 'healthz').to.equal(200);
  });
});
