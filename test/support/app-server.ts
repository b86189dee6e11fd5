import type { Server } from 'node:http';
import { createHttpServer, listen } from '../../src/bootstrap';
import { loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db';
import { createApp } from '../../src/http/app';
import type { HttpDeps } from '../../src/http/deps';
import { TEST_ADMIN_TOKEN, testServer } from './server';
import { NO_RATE_LIMITS } from './test-env';

export interface AppServer {
  url: string;
  server: Server;
  config: Config;
  db: Database;
  /** Closes the HTTP server only: the database belongs to whoever opened it. */
  close(): Promise<void>;
}

/**
 * A second server in this process, built by the same factories as `npm start`, with
 * its own configuration (read through loadConfig from `env`) over the shared test
 * database, or over `deps.db`. For settings read once at start-up (timeouts, limits,
 * logging) that the shared server must not carry.
 */
export async function startAppServer(
  env: Record<string, string> = {},
  deps: Partial<Omit<HttpDeps, 'config'>> = {},
): Promise<AppServer> {
  const db = deps.db ?? (await testServer()).db;
  const config = loadConfig({
    ...NO_RATE_LIMITS,
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_REQUESTS: 'false',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    WATCHDOG_BLOCKED_MS: '0',
    ...env,
  });
  const app = createApp({ now: () => new Date(), ...deps, db, config });
  const server = createHttpServer(app, config);
  const url = await listen(server, config);
  return {
    url,
    server,
    config,
    db,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
