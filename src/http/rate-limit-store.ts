import type { Store, ClientRateLimitInfo, Options } from 'express-rate-limit';
import type { Knex } from 'knex';
import { countHit, currentHits, forgetHits, purgeEndedWindows, uncountHit } from '../db';

/** Every this many hits, counters of ended windows are deleted. */
const PURGE_EVERY = 1_000;

/**
 * express-rate-limit's counters in the database (table rate_limit_hits), so every API
 * process, and every instance behind a load balancer, shares one count per client; the same
 * SQL runs on PGlite, where there is one process anyway. A hit costs one statement, so
 * this store is for the limits on rare events (failed authentication, uploads); the
 * general API limit keeps its counters in memory (see README, rate limits).
 */
export class DatabaseStore implements Store {
  private windowMs = 60_000;
  private sincePurge = 0;
  readonly localKeys = false;

  constructor(
    private readonly knex: Knex,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const hit = await currentHits(this.knex, this.key(key));
    return hit ? { totalHits: hit.hits, resetTime: hit.resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (++this.sincePurge >= PURGE_EVERY) {
      this.sincePurge = 0;
      await purgeEndedWindows(this.knex);
    }
    const hit = await countHit(this.knex, this.key(key), this.windowMs);
    return { totalHits: hit.hits, resetTime: hit.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.knex, this.key(key));
  }

  async resetKey(key: string): Promise<void> {
    await forgetHits(this.knex, this.key(key));
  }
}
