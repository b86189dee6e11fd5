import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { EventLoopWatchdog } from '../../src/runtime/event-loop-watchdog';
import { assertMatchesSpec } from '../support/openapi';
import { testServer } from '../support/server';

/** Keeps the event loop busy, as a runaway request would. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the event-loop watchdog', function () {
  this.timeout(60_000);
  let logFile: string;
  let watchdog: EventLoopWatchdog;
  let server: http.Server;
  let url: string;

  before(async () => {
    const { db } = await testServer();
    logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'watchdog-')), 'stalls.log');
    const logFd = fs.openSync(logFile, 'a');
    watchdog = new EventLoopWatchdog({ blockedMs: 150, killMs: 0, cooldownMs: 1_500, logFd });
    watchdog.start();
    const app = createApp({
      db,
      config: loadConfig({ LOG_REQUESTS: 'false' }),
      now: () => new Date(),
      watchdog,
    });
    server = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await sleep(200); // the watchdog's thread starts
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await watchdog.stop();
  });

  it('logs a stall while it lasts, naming the request in flight by its id', async () => {
    // A request whose body never finishes stays in flight.
    const req = http.request(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '100',
        'x-request-id': 'stall-probe-1',
      },
    });
    req.on('error', () => {});
    req.write('{"query":');
    await sleep(150);
    block(600);
    // Read before the loop turns again: the thread must have written it during the stall.
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean);
    req.destroy();
    expect(lines.length).to.be.greaterThan(0);
    const report = JSON.parse(lines.at(-1)!);
    expect(report).to.include({ level: 'error', event: 'event_loop_blocked', action: 'logged' });
    expect(report.blockedMs).to.be.at.least(150);
    expect(report.inFlight).to.include('stall-probe-1 POST /graphql');
  });

  it('kills a process whose loop stays blocked past WATCHDOG_KILL_MS, saying so first', async () => {
    // A process that never yields again: only the watchdog's thread can end it.
    const script = `
      const { EventLoopWatchdog } = require('./src/runtime/event-loop-watchdog');
      const w = new EventLoopWatchdog({ blockedMs: 100, killMs: 400, cooldownMs: 1000 });
      w.start();
      setTimeout(() => { w.enter('stuck-1 GET /forever'); for (;;) {} }, 300);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_c, s) => resolve(s)),
    );
    expect(signal).to.equal('SIGKILL');
    const reports = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { action: string; inFlight: string[] });
    expect(reports.map((r) => r.action)).to.deep.equal(['logged', 'killed']);
    expect(reports[1]!.inFlight).to.deep.equal(['stuck-1 GET /forever']);
  });

  it('answers 503 on /healthz and /readyz for the cooldown after a stall, then recovers', async () => {
    await sleep(1_600); // the previous test's cooldown
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    block(400);
    for (const probe of ['/healthz', '/readyz']) {
      const res = await fetch(`${url}${probe}`);
      const body = (await res.json()) as { status: string; eventLoop: { ms: number } };
      expect(res.status, probe).to.equal(503);
      expect(res.headers.get('retry-after'), probe).to.equal('10');
      expect(body.status, probe).to.equal('stalled');
      expect(body.eventLoop.ms, probe).to.be.at.least(150);
      assertMatchesSpec(probe, 'get', 503, body);
    }
    await sleep(1_600);
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    expect((await fetch(`${url}/readyz`)).status).to.equal(200);
  });
});
