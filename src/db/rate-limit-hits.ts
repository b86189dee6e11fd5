import type { Knex } from 'knex';

export interface HitCount {
  hits: number;
  resetAt: Date;
}

/**
 * Counts one hit for `key` in its fixed window, starting a new window of `windowMs` when
 * the last one has ended. One statement (an upsert), so concurrent hits from several
 * processes all count and agree on the window.
 */
export async function countHit(knex: Knex, key: string, windowMs: number): Promise<HitCount> {
  const { rows } = await knex.raw<{ rows: Array<{ hits: number; reset_at: Date }> }>(
    `INSERT INTO rate_limit_hits AS r (key, hits, reset_at)
     VALUES (?, 1, now() + ?::double precision * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
       reset_at = CASE WHEN r.reset_at <= now() THEN excluded.reset_at ELSE r.reset_at END
     RETURNING hits, reset_at`,
    [key, windowMs],
  );
  const row = rows[0]!;
  return { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
}

export async function currentHits(knex: Knex, key: string): Promise<HitCount | undefined> {
  const row = (await knex('rate_limit_hits')
    .where({ key })
    .where('reset_at', '>', knex.fn.now())
    .first('hits', 'reset_at')) as { hits: number; reset_at: Date } | undefined;
  return row ? { hits: Number(row.hits), resetAt: new Date(row.reset_at) } : undefined;
}

/** Takes back a hit that turned out not to count (a request the limit does not meter). */
export async function uncountHit(knex: Knex, key: string): Promise<void> {
  await knex('rate_limit_hits')
    .where({ key })
    .where('reset_at', '>', knex.fn.now())
    .update({ hits: knex.raw('greatest(hits - 1, 0)') });
}

export async function forgetHits(knex: Knex, key: string): Promise<void> {
  await knex('rate_limit_hits').where({ key }).delete();
}

/** Drops counters whose window has ended, so the table holds only the clients of the last window. */
export async function purgeEndedWindows(knex: Knex): Promise<void> {
  await knex('rate_limit_hits').where('reset_at', '<=', knex.fn.now()).delete();
}
