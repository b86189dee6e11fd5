import type { Knex } from 'knex';
import type pg from 'pg';

/** One connection pool's occupancy, as an operator watches it for saturation. */
export interface PoolStats {
  /** `write` (knex: transactions, catalog, uploads), `read` (the direct row-read pool) or `replica` (all replicas' read pools). */
  readonly pool: 'write' | 'read' | 'replica';
  readonly inUse: number;
  readonly idle: number;
  /** Callers queued for a connection: above zero for long means the pool is too small. */
  readonly waiting: number;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** knex's pool (tarn), created lazily by knex on first use. */
export function knexPoolStats(knex: Knex): PoolStats {
  const pool = (knex.client as { pool?: TarnPool }).pool;
  return {
    pool: 'write',
    inUse: pool?.numUsed() ?? 0,
    idle: pool?.numFree() ?? 0,
    waiting: pool?.numPendingAcquires() ?? 0,
  };
}

export function pgPoolStats(pool: pg.Pool): PoolStats {
  return {
    pool: 'read',
    inUse: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}

/** The replicas' read pools as one line: an operator sizes them together. */
export function replicaPoolStats(pools: readonly pg.Pool[]): PoolStats {
  const all = pools.map(pgPoolStats);
  const sum = (k: 'inUse' | 'idle' | 'waiting') => all.reduce((n, s) => n + s[k], 0);
  return { pool: 'replica', inUse: sum('inUse'), idle: sum('idle'), waiting: sum('waiting') };
}
