import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * A position in PostgreSQL's write-ahead log ('16/B374D848') as a number, so that a
 * replica's replay position can be compared with the position a read must see.
 */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : undefined;
}

/**
 * The WAL position a request's reads must see: the highest position of the catalogue state
 * (dataset snapshots) the request has used. A replica that has not replayed that far could
 * answer with rows from before a release the snapshot already lists, and the response
 * caches would keep that answer under the new data version, so such reads go to the primary.
 */
const floors = new AsyncLocalStorage<{ lsn: bigint }>();

/** Runs `work` (a request) with a read floor of its own, starting at nothing. */
export function withReadFloor<T>(work: () => T): T {
  return floors.run({ lsn: 0n }, work);
}

export function raiseReadFloor(lsn: bigint | undefined): void {
  const floor = floors.getStore();
  if (floor && lsn !== undefined && lsn > floor.lsn) floor.lsn = lsn;
}

/** 0 outside a request: such reads (none today) accept any replica within the lag bound. */
export function currentReadFloor(): bigint {
  return floors.getStore()?.lsn ?? 0n;
}

/** The knex clients whose reads go to replicas: only their catalogue loads need a WAL position. */
const replicated = new WeakSet<object>();

export function markReplicated(knex: Knex): void {
  replicated.add(knex.client as object);
}

/**
 * The primary's WAL write position, read after a catalogue load: every transaction that
 * load could see has its commit record below it (a commit is visible only once flushed,
 * under the default synchronous_commit, which this platform never turns off). The insert
 * position would be no safer and can sit past a page header a replica never "replays".
 * Undefined (no round trip) without replicas.
 */
export async function walPositionAfterLoad(knex: Knex): Promise<bigint | undefined> {
  if (!replicated.has(knex.client as object)) return undefined;
  const res = (await knex.raw('SELECT pg_current_wal_lsn()::text AS lsn')) as {
    rows: Array<{ lsn: string }>;
  };
  return parseLsn(res.rows[0]?.lsn);
}
