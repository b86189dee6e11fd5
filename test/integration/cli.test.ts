import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import stringWidth from 'string-width';

/**
 * The real CLI, spawned as agencies run it, against a stand-in server that implements the
 * upload/whoami/status contract with canned answers and records what arrived. It does not
 * depend on the platform's own upload endpoint.
 */

const BIN = path.resolve(__dirname, '../../bin/opendata.js');
const TOKEN = 'tok_live_5f3a9c1e7b2d4a60';

interface Received {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  bytes: number;
  chunks: number;
  sha256: string;
}

const period = { id: '2017-W19', label: { zh: '2017年第19周', en: '2017 week 19' } };

const release = {
  id: 42,
  datasetId: 'agri-prices',
  period,
  revision: 1,
  schemaVersion: 1,
  rowCount: 3,
  sha256: 'a'.repeat(64),
  status: 'scheduled',
  publishAt: '2026-12-01T01:30:00.000Z',
  publishedAt: null,
  note: '周报',
  revisionReason: null,
  createdAt: '2026-11-25T01:00:00.000Z',
  createdBy: 'ci',
};

const invalidReport = {
  valid: false,
  rowCount: 3,
  errorCount: 2,
  errors: [
    { row: 2, column: '价格', value: 'abc', rule: 'type', message: '价格必须是数字' },
    {
      row: 3,
      column: 'market',
      value: '太原市河西农产品批发市场有限公司第二交易大厅东区',
      rule: 'enum',
      message: '不在代码表中',
    },
  ],
  totalsByRule: { type: 1, enum: 1 },
  truncated: false,
};

/** What GET /api/v1/calendar answers; null: the endpoint does not exist yet (404). */
let calendar: unknown[] | null = null;

function apiError(res: http.ServerResponse, status: number, code: string, details: unknown = null) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message: `canned ${code}`, details } }));
}

function ok(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, rec: Received) {
  const dataset = decodeURIComponent(url.pathname.split('/')[4] ?? '');
  if (dataset === 'early-401') {
    // Answer before reading a byte of the body, as a real server does for a bad token.
    apiError(res, 401, 'unauthorized');
    req.resume();
    return;
  }
  const hash = crypto.createHash('sha256');
  req.on('data', (c: Buffer) => {
    rec.bytes += c.length;
    rec.chunks++;
    hash.update(c);
  });
  req.on('end', () => {
    rec.sha256 = hash.digest('hex');
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return apiError(res, 401, 'unauthorized');
    const dryRun = url.searchParams.get('dryRun') === 'true';
    if (dataset === 'bad-prices') return apiError(res, 400, 'validation_failed', invalidReport);
    if (dataset === 'taken') return apiError(res, 409, 'release_exists', { period: '2017-W19', revision: 1 });
    if (dataset === 'boom') return apiError(res, 500, 'internal_error', { requestId: 'r-1' });
    if (dataset === 'invalid-dry') return ok(res, 200, { data: { report: invalidReport } });
    if (dryRun) {
      return ok(res, 200, {
        data: {
          report: { valid: true, rowCount: 3, errorCount: 0, errors: [], totalsByRule: {}, truncated: false },
        },
      });
    }
    ok(res, 201, { data: release, meta: { report: { valid: true, rowCount: 3, errorCount: 0 } } });
  });
}

function startStub(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const rec: Received = {
      method: req.method ?? '',
      url,
      headers: req.headers,
      bytes: 0,
      chunks: 0,
      sha256: '',
    };
    received.push(rec);
    const authed = req.headers.authorization === `Bearer ${TOKEN}`;
    if (req.method === 'POST' && /^\/api\/v1\/datasets\/[^/]+\/releases$/.test(url.pathname)) {
      return upload(req, res, url, rec);
    }
    if (!authed) return apiError(res, 401, 'unauthorized');
    if (url.pathname === '/api/v1/whoami') {
      return ok(res, 200, {
        data: {
          role: 'publisher',
          agency: { id: 'agri', name: { zh: '山西省农业农村厅', en: 'Agriculture' } },
          tokenName: 'ci-uploader',
        },
      });
    }
    if (url.pathname === '/api/v1/datasets' && url.searchParams.get('agency') === 'agri') {
      return ok(res, 200, {
        data: [
          {
            id: 'agri-prices',
            title: { zh: '农产品批发市场价格', en: 'Wholesale prices' },
            cadence: 'weekly',
            periodKind: 'week',
            periodRange: { first: null, last: period },
            lastUpdated: '2017-05-15T01:30:00.000Z',
            status: { status: 'active', label: '有效' },
          },
        ],
        meta: { total: 1 },
      });
    }
    if (url.pathname === '/api/v1/calendar' && calendar) return ok(res, 200, { data: calendar });
    // No calendar yet: the CLI must leave that section out without complaint.
    apiError(res, 404, 'route_not_found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let home: string;

/** Asynchronous on purpose: the stub server lives in this process and must keep answering. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENDATA_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: home,
      env: { ...base, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('opendata CLI (spawned, against a stub server)', function () {
  let stub: Awaited<ReturnType<typeof startStub>>;
  let env: Record<string, string>;
  let bigCsv: string;

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-cli-'));
    stub = await startStub();
    env = { OPENDATA_SERVER: stub.url, OPENDATA_TOKEN: TOKEN };
    // Several MB, so the body necessarily travels in many chunks.
    const line = '2017-W19,太原,白菜,1.25\n';
    bigCsv = path.join(home, 'prices.csv');
    fs.writeFileSync(bigCsv, 'period,market,item,price\n' + line.repeat(150_000));
    fs.writeFileSync(path.join(home, 'prices.ndjson'), '{"price":1}\n{"price":2}\n');
  });

  after(async () => {
    await stub.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const last = () => stub.received[stub.received.length - 1]!;
  const noToken = (r: Run) => {
    expect(r.stdout).not.to.include(TOKEN);
    expect(r.stderr).not.to.include(TOKEN);
  };

  it('documents the exit codes in --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include('Exit codes:');
  });

  it('publish streams the whole file with its type, parameters and bearer token, then prints the release', async () => {
    const r = await cli(
      [
        'publish',
        '--dataset',
        'agri-prices',
        '--period',
        '2017-W19',
        '--charset',
        'gbk',
        '--publish-at',
        '2026-12-01T09:30:00+08:00',
        '--note',
        '周报',
        bigCsv,
      ],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    const rec = last();
    expect(rec.method).to.equal('POST');
    expect(rec.url.pathname).to.equal('/api/v1/datasets/agri-prices/releases');
    expect(rec.url.searchParams.get('period')).to.equal('2017-W19');
    expect(rec.url.searchParams.get('publishAt')).to.equal('2026-12-01T09:30:00+08:00');
    expect(rec.url.searchParams.get('note')).to.equal('周报');
    expect(rec.url.searchParams.has('dryRun')).to.equal(false);
    expect(rec.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(rec.headers['content-type']).to.equal('text/csv; charset=gbk');
    const file = fs.readFileSync(bigCsv);
    expect(rec.headers['content-length']).to.equal(String(file.length));
    expect(rec.bytes).to.equal(file.length);
    expect(rec.sha256).to.equal(crypto.createHash('sha256').update(file).digest('hex'));
    expect(rec.chunks).to.be.greaterThan(1);
    expect(r.stdout).to.include('2017年第19周');
    expect(r.stdout).to.match(/revision\s+1/);
    expect(r.stdout).to.include('a'.repeat(64));
    expect(r.stdout).to.include('scheduled');
    expect(r.stdout).to.include('2026-12-01 09:30:00 +08:00');
    // stderr is a pipe here, not a terminal: no progress bar escape codes.
    expect(r.stderr).to.equal('');
    noToken(r);
  });

  it('publish --revise sends revise and the reason', async () => {
    const r = await cli(
      [
        'publish',
        '--dataset',
        'agri-prices',
        '--period',
        '2017-W19',
        '--revise',
        '--reason',
        '更正价格',
        bigCsv,
      ],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(last().url.searchParams.get('revise')).to.equal('true');
    expect(last().url.searchParams.get('reason')).to.equal('更正价格');
  });

  it('--json prints the server body', async () => {
    const r = await cli(
      ['--json', 'publish', '--dataset', 'agri-prices', '--period', '2017-W19', bigCsv],
      env,
    );
    expect(r.code).to.equal(0);
    expect(JSON.parse(r.stdout).data).to.deep.equal(release);
  });

  it('validate sends dryRun=true with the NDJSON type and exits 0 for a valid file', async () => {
    const r = await cli(
      ['validate', '--dataset', 'agri-prices', '--period', '2017-W19', 'prices.ndjson'],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(last().url.searchParams.get('dryRun')).to.equal('true');
    expect(last().headers['content-type']).to.equal('application/x-ndjson');
    expect(r.stdout).to.include('valid');
  });

  it('validate exits 1 when the dry run finds errors', async () => {
    const r = await cli(['validate', '--dataset', 'invalid-dry', '--period', '2017-W19', bigCsv], env);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include('价格必须是数字');
  });

  it('a validation_failed 400 prints the aligned Chinese table and exits 1', async () => {
    const r = await cli(['publish', '--dataset', 'bad-prices', '--period', '2017-W19', bigCsv], env);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include('价格必须是数字');
    expect(r.stdout).to.include('…');
    const [errorsPart] = r.stdout.split('Errors by rule:');
    const errorTable = errorsPart!.split('\n').filter((l) => /^[|+]/.test(l));
    expect(errorTable.length).to.be.greaterThan(4);
    expect(new Set(errorTable.map((l) => stringWidth(l))).size).to.equal(1);
    expect(r.stdout).to.match(/type\s+\|\s+1 \|/);
    noToken(r);
  });

  it('409 release_exists exits 4 and suggests --revise', async () => {
    const r = await cli(['publish', '--dataset', 'taken', '--period', '2017-W19', bigCsv], env);
    expect(r.code).to.equal(4);
    expect(r.stderr).to.include('--revise');
  });

  it('a rejected token exits 3', async () => {
    const r = await cli(['whoami'], { ...env, OPENDATA_TOKEN: 'wrong-token-value' });
    expect(r.code).to.equal(3);
    expect(r.stderr).not.to.include('wrong-token-value');
  });

  it('an early 401, before the body is read, exits 3 without hanging', async () => {
    const r = await cli(['publish', '--dataset', 'early-401', '--period', '2017-W19', bigCsv], env);
    expect(r.code).to.equal(3);
  });

  it('a 5xx exits 6', async () => {
    const r = await cli(['publish', '--dataset', 'boom', '--period', '2017-W19', bigCsv], env);
    expect(r.code).to.equal(6);
    expect(r.stderr).to.include('r-1');
  });

  it('connection refused exits 6', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await cli(['whoami'], { ...env, OPENDATA_SERVER: `http://127.0.0.1:${port}` });
    expect(r.code).to.equal(6);
    expect(r.stderr).to.include('ECONNREFUSED');
  });

  it('a missing file is a usage error (2) and nothing is sent', async () => {
    const before = stub.received.length;
    const r = await cli(['publish', '--dataset', 'agri-prices', '--period', '2017-W19', 'nope.csv'], env);
    expect(r.code).to.equal(2);
    expect(stub.received.length).to.equal(before);
  });

  it('whoami and status print the agency without the token; a missing calendar is skipped silently', async () => {
    const who = await cli(['whoami'], env);
    expect(who.code, who.stderr).to.equal(0);
    expect(who.stdout).to.include('ci-uploader');
    expect(who.stdout).to.include('OPENDATA_TOKEN');
    noToken(who);

    const status = await cli(['status'], env);
    expect(status.code, status.stderr).to.equal(0);
    expect(status.stdout).to.include('农产品批发市场价格');
    expect(status.stdout).to.include('2017-W19 2017年第19周');
    expect(status.stderr).to.equal('');
    const asked = stub.received.slice(-3, -1).map((r) => r.url.pathname + r.url.search);
    expect(asked).to.deep.equal(['/api/v1/whoami', '/api/v1/datasets?agency=agri&limit=500']);
    const calendarAsked = stub.received.at(-1)!.url;
    expect(calendarAsked.pathname).to.equal('/api/v1/calendar');
    expect(calendarAsked.searchParams.get('agency')).to.equal('agri');
    // Sixty days back (late and missing periods) to sixty ahead, as Beijing dates.
    const span =
      Date.parse(calendarAsked.searchParams.get('to')!) - Date.parse(calendarAsked.searchParams.get('from')!);
    expect(span).to.equal(120 * 86_400_000);
    noToken(status);
  });

  it('status shows due and late periods when the server offers a calendar', async () => {
    calendar = [
      {
        datasetId: 'agri-prices',
        period: { id: '2017-W21', label: { zh: '2017年第21周' } },
        dueAt: '2017-05-29T10:00:00Z',
        kind: 'due',
      },
      {
        datasetId: 'agri-prices',
        period: { id: '2017-W20', label: { zh: '2017年第20周' } },
        dueAt: '2017-05-22T10:00:00Z',
        kind: 'due',
        state: 'late',
      },
    ];
    try {
      const r = await cli(['status'], env);
      expect(r.code, r.stderr).to.equal(0);
      const due = r.stdout.split('Due and scheduled:')[1]!;
      expect(due).to.include('2017年第20周');
      expect(due).to.include('late');
      // Earliest due date first.
      expect(due.indexOf('2017-W20')).to.be.lessThan(due.indexOf('2017-W21'));
      const json = await cli(['status', '--json'], env);
      expect(JSON.parse(json.stdout).data.calendar).to.deep.equal(calendar);
    } finally {
      calendar = null;
    }
  });
});
