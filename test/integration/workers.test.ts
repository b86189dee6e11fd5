import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { NO_RATE_LIMITS } from '../support/test-env';

/*
 * WORKERS=2 as an operator runs it: the real entry point, one port, two API processes.
 * Requests are spread over both, a worker that dies is forked again while the other keeps
 * serving, and SIGTERM drains both and exits 0. PostgreSQL only: PGlite is one process.
 */
const ROOT = path.resolve(__dirname, '../..');
const onServer = Boolean(process.env.DATABASE_URL);

interface LogLine {
  pid?: number;
  msg?: string;
  url?: string;
  req?: unknown;
}

describe('several API processes on one machine (WORKERS=2, PostgreSQL server only)', function () {
  this.timeout(300_000);
  let primary: ChildProcess;
  const lines: LogLine[] = [];
  let url = '';

  const servingPids = () => new Set(lines.filter((l) => l.msg?.startsWith('Serving ')).map((l) => l.pid!));

  async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
    for (const end = Date.now() + ms; Date.now() < end;) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  before(async function () {
    if (!onServer) return this.skip();
    primary = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...NO_RATE_LIMITS,
        ...process.env,
        WORKERS: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_REQUESTS: 'true',
        SEED_ON_START: 'false',
        WATCHDOG_BLOCKED_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    primary.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const part of parts) {
        try {
          lines.push(JSON.parse(part) as LogLine);
        } catch {
          /* not a log line */
        }
      }
    });
    await until('two workers serving', () => servingPids().size === 2);
    const port = /:(\d+)$/.exec(lines.find((l) => l.msg?.startsWith('Serving '))!.url!)![1];
    url = `http://127.0.0.1:${port}`;
  });

  after(() => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
  });

  it('serves from both processes on one port', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${url}/api/v1/datasets?limit=1`, { headers: { connection: 'close' } });
      expect(res.status).to.equal(200);
    }
    const served = new Set(lines.filter((l) => l.req !== undefined).map((l) => l.pid));
    expect([...served].sort()).to.deep.equal([...servingPids()].sort());
  });

  it('forks a worker again after it dies, while the other keeps answering', async () => {
    const [victim] = [...servingPids()];
    process.kill(victim!, 'SIGKILL');
    // A connection handed out in the instant the worker dies is lost with it (a load
    // balancer retries it); from the moment the primary sees the exit, the other serves all.
    await until('the primary to see the exit', () =>
      lines.some((l) => l.msg?.includes(`worker ${victim} exited`)),
    );
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${url}/api/v1/datasets?limit=1`, {
        headers: { connection: 'close' },
        signal: AbortSignal.timeout(10_000),
      }).catch((err: Error) => ({ status: err.name }));
      answers.push(String(res.status));
    }
    expect(
      answers.filter((s) => s === '200'),
      answers.join(' '),
    ).to.have.length(10);
    await until('a third worker serving', () => servingPids().size === 3);
  });

  it('drains both workers on SIGTERM and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(lines.filter((l) => l.msg?.endsWith('drained; exiting'))).to.have.length(2);
  });
});
