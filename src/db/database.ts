import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from '../config';
import { decimalTextToNumber } from './decimal-text';
import { knexPoolStats, pgPoolStats, replicaPoolStats, type PoolStats } from './pool-stats';
import { isConnectionFailure } from './pg-errors';
import { knexReader, poolReader, routedReader, type Reader } from './reader';
import type { ReadCancel } from './read-cancel';
import { ReplicaRouter, type ReplicaState } from './replica-router';
import { currentReadFloor, markReplicated } from './wal-position';

export type Dialect = 'pglite' | 'pg';

/** One handle for both engines; everything above this room speaks knex and plain SQL only. */
export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** Runs one parameterised SELECT outside any transaction (see reader.ts). */
  readonly read: Reader;
  /** Occupancy of each connection pool, for metrics. */
  poolStats(): PoolStats[];
  /**
   * With DATABASE_REPLICA_URLS: a replica's pool for an export's COPY, chosen like read();
   * undefined: run it on the primary.
   */
  copyReplica?(): pg.Pool | undefined;
  /** With DATABASE_REPLICA_URLS: each replica's state, for /readyz and tests. */
  replicaStates?(): ReplicaState[];
  close(): Promise<void>;
}

/** `db` whose reads stop when `cancel` fires: the request they serve was abandoned. */
export function readsCancelledBy(db: Database, cancel: ReadCancel): Database {
  return { ...db, read: (statement) => db.read(statement, cancel) };
}

// Both engines must hand the same JS shapes upward: dates as 'YYYY-MM-DD' text (no
// time-zone drift), numeric and int8 as JS numbers (statistics, not money ledgers).
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const asNumber = decimalTextToNumber;
const asText = (v: string): string => v;

function pgTypes(): { getTypeParser: (oid: number, format?: string) => unknown } {
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === OID.INT8 || oid === OID.NUMERIC) return asNumber;
      if (oid === OID.DATE) return asText;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
}

/**
 * Where knex reports what it sees on its own (a pooled connection that died, a failed
 * acquire); it writes to the console otherwise, outside the JSON log.
 */
export interface DbLog {
  warn(message: string): void;
  error(message: string): void;
}

function knexLog(log: DbLog | undefined): Knex.Config['log'] {
  if (!log) return undefined;
  const text = (m: unknown) => (typeof m === 'string' ? m : m instanceof Error ? m.message : String(m));
  return {
    warn: (m: unknown) => log.warn(`[knex] ${text(m)}`),
    error: (m: unknown) => log.error(`[knex] ${text(m)}`),
    deprecate: (m: unknown) => log.warn(`[knex] ${text(m)}`),
    debug: () => undefined,
  };
}

async function openPglite(config: Config, log?: DbLog): Promise<Database> {
  // PGlite is ESM with a CJS build; loaded lazily so server deployments never pay for the wasm.
  const { PGlite } = await import('@electric-sql/pglite');
  const ClientPgLite = (await import('knex-pglite')).default;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const pglite = new PGlite(config.dataDir, {
    parsers: { [OID.INT8]: asNumber, [OID.NUMERIC]: asNumber, [OID.DATE]: asText },
  });
  await pglite.waitReady;
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
    useNullAsDefault: false,
    log: knexLog(log),
  });
  return {
    knex,
    dialect: 'pglite',
    read: knexReader(knex, 'pglite'),
    poolStats: () => [knexPoolStats(knex)],
    close: () => knex.destroy(),
  };
}

/** What both pools of a server connection share: address, type parsers, statement_timeout. */
function connectionSettings(config: Config, url = config.databaseUrl) {
  return {
    connectionString: url,
    types: pgTypes(),
    statement_timeout: config.statementTimeoutMs || undefined,
    application_name: 'shanxi-open-data',
  };
}

/**
 * The session setting of every read connection. Reads run as named statements (reader.ts),
 * and under the default `plan_cache_mode = auto` PostgreSQL switches a named statement to
 * a generic plan after five runs when that plan's estimate, made without the values, looks
 * no worse. For an equality on a dimension with no period range that plan walks the
 * (period, release, row) index and filters: on the seeded weekly prices it threw away
 * 39,661 rows to return 101 (6–7 ms against 1.1–1.4 ms; docs/BENCHMARK-NOTES.md). Planning
 * for the actual values costs 0.03–0.15 ms a statement; names still spare the parsing.
 */
export const READ_SESSION_OPTIONS = '-c plan_cache_mode=force_custom_plan';

/**
 * The pool of read connections: the same settings as knex's pool plus READ_SESSION_OPTIONS.
 * Exported so a test can hold a one-connection read pool and look at its plans.
 */
export function openReadPool(config: Config, max = config.dbPoolMax, url = config.databaseUrl): pg.Pool {
  const pool = new pg.Pool({
    ...connectionSettings(config, url),
    options: READ_SESSION_OPTIONS,
    max,
    connectionTimeoutMillis: 30_000,
  } as pg.PoolConfig);
  // An idle pooled client that loses its connection emits 'error'; the pool drops it, and
  // without a listener the process would crash.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATE 40001 on a standby: a replayed change (a vacuum) cancelled the read. */
const replicaCannotServe = (err: unknown): boolean =>
  isConnectionFailure(err) || (err as { code?: unknown }).code === '40001';

async function openPg(config: Config, log?: DbLog): Promise<Database> {
  const knex = knexFactory({
    client: 'pg',
    connection: connectionSettings(config) as Knex.PgConnectionConfig,
    pool: { min: 0, max: config.dbPoolMax },
    acquireConnectionTimeout: 30_000,
    log: knexLog(log),
  });
  // Reads get a pool of their own, so the hot path skips knex and tarn.
  const readPool = openReadPool(config);
  if (config.replicaUrls.length === 0) {
    return {
      knex,
      dialect: 'pg',
      read: poolReader(readPool),
      poolStats: () => [knexPoolStats(knex), pgPoolStats(readPool)],
      close: async () => {
        await Promise.all([knex.destroy(), readPool.end()]);
      },
    };
  }
  const replicaPools = config.replicaUrls.map((url) => ({
    url,
    pool: openReadPool(config, undefined, url),
    probe: openReadPool(config, 1, url),
  }));
  // The WAL samples get connections of their own, so a saturated read pool cannot delay them.
  const primaryProbe = openReadPool(config, 1);
  const router = new ReplicaRouter(primaryProbe, replicaPools, config.replicaMaxLagMs);
  markReplicated(knex);
  await router.start();
  const target = {
    pick: () => router.pick(currentReadFloor()),
    failed(replica: string, err: unknown) {
      if (!replicaCannotServe(err)) return false;
      if (isConnectionFailure(err)) router.markDown(replica);
      return true;
    },
  };
  return {
    knex,
    dialect: 'pg',
    read: routedReader(readPool, target),
    copyReplica: () => target.pick()?.pool,
    replicaStates: () => router.states(),
    poolStats: () => [
      knexPoolStats(knex),
      pgPoolStats(readPool),
      replicaPoolStats(replicaPools.map((r) => r.pool)),
    ],
    close: async () => {
      await router.stop();
      await Promise.all([
        knex.destroy(),
        readPool.end(),
        primaryProbe.end(),
        ...replicaPools.flatMap((r) => [r.pool.end(), r.probe.end()]),
      ]);
    },
  };
}

export async function openDatabase(config: Config, log?: DbLog): Promise<Database> {
  return config.databaseUrl ? await openPg(config, log) : await openPglite(config, log);
}

/** Seeds and migrations receive a bare knex; this recovers which engine it drives. */
export function databaseFromKnex(knex: Knex): Database {
  const client = (knex.client as { config: { client: unknown } }).config.client;
  const dialect = typeof client === 'string' ? 'pg' : 'pglite';
  return {
    knex,
    dialect,
    read: knexReader(knex, dialect),
    poolStats: () => [knexPoolStats(knex)],
    close: () => knex.destroy(),
  };
}
