import path from 'node:path';
import type { Server } from 'node:http';
import type { Config } from './config';
import { migrateToLatest, openDatabase, type Database } from './db';
import { createApp } from './http/app';
import { ensureNoticeCatalog } from './notice';
import { EventLoopWatchdog } from './runtime/event-loop-watchdog';

const SEEDS_DIR = path.resolve(__dirname, '../seeds');

export interface Running {
  db: Database;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Seeds only an empty catalog, so restarts are fast and operator data is never touched. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const any = await db.knex('datasets').first('id');
  if (any) return false;
  await db.knex.seed.run({ directory: SEEDS_DIR, loadExtensions: ['.ts', '.js'] });
  return true;
}

export async function prepareDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(config);
  await migrateToLatest(db.knex);
  if (config.seedOnStart) await seedIfEmpty(db);
  // After the seeds, which only run on an empty catalogue: they create the sample datasets
  // with their synthetic history, and this adds every other dataset the notice requires.
  await ensureNoticeCatalog(db);
  return db;
}

export async function startServer(config: Config, db?: Database): Promise<Running> {
  const database = db ?? (await prepareDatabase(config));
  const watchdog =
    config.watchdogBlockedMs > 0
      ? new EventLoopWatchdog({
          blockedMs: config.watchdogBlockedMs,
          killMs: config.watchdogKillMs,
          cooldownMs: config.watchdogCooldownMs,
        })
      : undefined;
  watchdog?.start();
  const app = createApp({ db: database, config, now: () => new Date(), watchdog });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return {
    db: database,
    server,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await watchdog?.stop();
      await database.close();
    },
  };
}
