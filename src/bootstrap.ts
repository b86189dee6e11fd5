import path from 'node:path';
import http, { type RequestListener, type Server } from 'node:http';
import type { Config } from './config';
import { DatasetChanges } from './cache';
import { invalidateAllDatasetSnapshots, invalidateDatasetSnapshot } from './catalog';
import { DatasetChangeFeed, migrateToLatest, openDatabase, type Database, type DbLog } from './db';
import { createLogger, type Logger } from './observability';
import { createApp } from './http/app';
import { Lifecycle } from './lifecycle';
import { ensureNoticeCatalog } from './notice';
import { EventLoopWatchdog } from './runtime/event-loop-watchdog';

const SEEDS_DIR = path.resolve(__dirname, '../seeds');

export interface Running {
  db: Database;
  server: Server;
  url: string;
  /**
   * SIGTERM: stops accepting connections, lets requests in flight finish within `graceMs`,
   * then closes the database. False when the grace ran out (connections were cut).
   */
  shutdown(graceMs: number): Promise<boolean>;
  /** Closes at once; the database only when startServer opened it. */
  close(): Promise<void>;
}

/** Seeds only an empty catalog, so restarts are fast and operator data is never touched. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const any = await db.knex('datasets').first('id');
  if (any) return false;
  await db.knex.seed.run({ directory: SEEDS_DIR, loadExtensions: ['.ts', '.js'] });
  return true;
}

export async function prepareDatabase(config: Config, log?: DbLog): Promise<Database> {
  const db = await openDatabase(config, log);
  // A cluster worker: the primary process has done the rest once, before forking.
  if (config.clusterWorker) return db;
  await migrateToLatest(db.knex);
  if (config.seedOnStart) await seedIfEmpty(db);
  // After the seeds, which only run on an empty catalogue: they create the sample datasets
  // with their synthetic history, and this adds every other dataset the notice requires.
  await ensureNoticeCatalog(db);
  return db;
}

/**
 * An HTTP server with the configured timeouts. Node checks the header and request
 * timeouts on a timer (every 30 s by default), which would let a slow client hold its
 * connection well past them; checking at a quarter of the header timeout keeps the
 * overshoot small at the cost of walking the connection list a few times a second.
 */
export function createHttpServer(app: RequestListener, config: Config): Server {
  const server = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))),
    },
    app,
  );
  return server;
}

export function listen(server: Server, config: Config): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : config.port}`);
    });
  });
}

/**
 * This process's ear for changes: on PostgreSQL a LISTEN connection hears every process's
 * writes and invalidates the dataset snapshots (and, through `changes`, the GraphQL schema).
 * On PGlite there is one process, and its writers invalidate directly.
 */
async function listenForChanges(
  config: Config,
  db: Database,
  logger: Logger,
): Promise<{ changes: DatasetChanges; stop(): Promise<void> }> {
  const changes = new DatasetChanges();
  changes.subscribe((id) =>
    id === undefined ? invalidateAllDatasetSnapshots(db.knex) : invalidateDatasetSnapshot(db.knex, id),
  );
  if (db.dialect !== 'pg' || !config.databaseUrl) return { changes, stop: async () => undefined };
  const feed = new DatasetChangeFeed(config.databaseUrl, {
    changed: (id) => changes.emit(id),
    resync: () => changes.emit(undefined),
    warn: (message) => logger.warn(message),
  });
  await feed.start();
  return { changes, stop: () => feed.stop() };
}

export async function startServer(
  config: Config,
  db?: Database,
  logger: Logger = createLogger(config.logLevel),
): Promise<Running> {
  const database = db ?? (await prepareDatabase(config, logger));
  const ownsDatabase = db === undefined;
  const lifecycle = new Lifecycle();
  const watchdog =
    config.watchdogBlockedMs > 0
      ? new EventLoopWatchdog({
          blockedMs: config.watchdogBlockedMs,
          killMs: config.watchdogKillMs,
          cooldownMs: config.watchdogCooldownMs,
        })
      : undefined;
  watchdog?.start();
  const listening = await listenForChanges(config, database, logger);
  const app = createApp({
    changes: listening.changes,
    db: database,
    config,
    now: () => new Date(),
    watchdog,
    draining: () => lifecycle.draining,
    logger,
  });
  const server = createHttpServer(app, config);
  lifecycle.attach(server);
  const url = await listen(server, config);
  const release = async () => {
    await listening.stop();
    await watchdog?.stop();
    if (ownsDatabase) await database.close();
  };
  return {
    db: database,
    server,
    url,
    async shutdown(graceMs) {
      const inTime = await lifecycle.drain(graceMs);
      // Past the grace the process exits anyway, and the server rolls back what the cut
      // connections left open; waiting for the pool could hang on them.
      if (inTime) await release();
      return inTime;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await release();
    },
  };
}
