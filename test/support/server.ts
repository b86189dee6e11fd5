import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDatabase, startServer, type Running } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { NO_RATE_LIMITS } from './test-env';

let running: Promise<Running> | undefined;

/** The operator's bootstrap admin token in tests. */
export const TEST_ADMIN_TOKEN = 'test-admin-token';

/**
 * One real server per test run, on the database the environment names: server
 * PostgreSQL when DATABASE_URL is set, otherwise a fresh embedded PGlite directory.
 * It is seeded through the normal start-up path, exactly like `npm start`.
 */
export function testServer(): Promise<Running> {
  running ??= (async () => {
    const dataDir = process.env.DATABASE_URL
      ? undefined
      : fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-test-'));
    const config = loadConfig({
      ...NO_RATE_LIMITS,
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_REQUESTS: 'false',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      // Test code runs on this server's event loop, so its own long synchronous steps would
      // read as stalls of the server; the watchdog has its own test with its own instance.
      WATCHDOG_BLOCKED_MS: '0',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
    });
    const db = await prepareDatabase(config);
    // The tests publish into agri-prices in periods after its sample history, far into the
    // future (free slots that no seeded figure depends on). A lead time lets them, as one
    // lets a budget; the refusal of unended periods is tested on datasets without one.
    await db.knex('datasets').where({ id: 'agri-prices' }).update({ lead_time: 'P10Y' });
    return startServer(config, db);
  })();
  return running;
}

export async function stopTestServer(): Promise<void> {
  if (!running) return;
  const r = await running;
  running = undefined;
  await r.close();
  await r.db.close();
}

export async function getJson(
  pathAndQuery: string,
  init?: RequestInit,
): Promise<{ status: number; body: any; headers: Headers }> {
  const { url } = await testServer();
  const res = await fetch(url + pathAndQuery, init);
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, body, headers: res.headers };
}
