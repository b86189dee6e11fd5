import type pg from 'pg';
import { parseLsn } from './wal-position';

/** How often each replica's replay position (and the primary's insert position) is sampled. */
const POLL_MS = 100;
/** A replica that does not answer the sample within this is treated as down. */
const PROBE_TIMEOUT_MS = 1_000;

interface Replica {
  readonly name: string;
  readonly pool: pg.Pool;
  /** One connection of its own for the samples: a busy read pool must not make a replica look down. */
  readonly probe: pg.Pool;
  up: boolean;
  replayLsn: bigint;
  /** The latest instant the replica is known to have replayed everything the primary had then. */
  caughtUpAt: number;
}

export interface ReplicaState {
  name: string;
  up: boolean;
  lagMs: number;
}

/** The replica's host, port and database, for logs and metrics (never its password). */
function nameOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('replica probe timed out')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Chooses where a read statement runs: a streaming replica, round-robin, when it is up,
 * has replayed everything the read must see (`floor`, see wal-position.ts) and has not
 * fallen behind the primary for longer than `maxLagMs`; the primary otherwise. Positions
 * come from a background sample every POLL_MS, so the choice itself costs no round trip.
 */
export class ReplicaRouter {
  private readonly replicas: Replica[];
  private readonly samples: Array<{ lsn: bigint; at: number }> = [];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  /**
   * `primary` samples the primary's WAL position; each replica brings its read pool and a
   * probe pool (one connection) for its samples.
   */
  constructor(
    private readonly primary: pg.Pool,
    replicas: ReadonlyArray<{ url: string; pool: pg.Pool; probe: pg.Pool }>,
    private readonly maxLagMs: number,
  ) {
    this.replicas = replicas.map(({ url, pool, probe }) => ({
      name: nameOf(url),
      pool,
      probe,
      up: false,
      replayLsn: 0n,
      caughtUpAt: -Infinity,
    }));
  }

  /** Samples once before resolving, so the first requests already use the replicas. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** A replica's pool for a read that must see `floor`, or undefined: read on the primary. */
  pick(floor: bigint): { pool: pg.Pool; replica: string } | undefined {
    const now = Date.now();
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n]!;
      if (r.up && r.replayLsn >= floor && now - r.caughtUpAt <= this.maxLagMs) {
        this.next = (this.next + i + 1) % n;
        return { pool: r.pool, replica: r.name };
      }
    }
    return undefined;
  }

  /** A read on this replica failed for want of the replica: skip it until the next sample says otherwise. */
  markDown(name: string): void {
    const r = this.replicas.find((x) => x.name === name);
    if (r) r.up = false;
  }

  states(): ReplicaState[] {
    const now = Date.now();
    return this.replicas.map((r) => ({ name: r.name, up: r.up, lagMs: Math.max(0, now - r.caughtUpAt) }));
  }

  private async poll(): Promise<void> {
    try {
      const res = await withTimeout(
        this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'),
        PROBE_TIMEOUT_MS,
      );
      const lsn = parseLsn(res.rows[0]?.lsn);
      if (lsn !== undefined) this.samples.push({ lsn, at: Date.now() });
      // Enough history to tell "behind by more than maxLagMs" from "behind by less".
      while (this.samples.length > Math.ceil(this.maxLagMs / POLL_MS) + 4) this.samples.shift();
    } catch {
      // The primary is unreachable: reads fail on it anyway; replicas keep their last sample.
    }
    await Promise.all(this.replicas.map((r) => this.probe(r)));
  }

  private async probe(r: Replica): Promise<void> {
    try {
      const res = await withTimeout(
        r.probe.query<{ lsn: string | null; standby: boolean }>(
          'SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS standby',
        ),
        PROBE_TIMEOUT_MS,
      );
      const replay = parseLsn(res.rows[0]?.lsn);
      // A server that is not (or no longer) a standby is not a replica of this primary.
      if (!res.rows[0]?.standby || replay === undefined) {
        r.up = false;
        return;
      }
      r.up = true;
      r.replayLsn = replay;
      for (const s of this.samples) if (s.lsn <= replay && s.at > r.caughtUpAt) r.caughtUpAt = s.at;
    } catch {
      r.up = false;
    }
  }
}
