import type { Knex } from 'knex';

/**
 * Which releases the public sees, written once. Every read path (REST rows, aggregates and
 * exports, GraphQL, CKAN, the web pages, the calendar, feedback and requests) asks here,
 * either with a record in hand (the functions) or in SQL (the `where…` builders); the two
 * forms state the same rule and are kept side by side so they cannot drift apart.
 *
 * The rule: a release is public at an instant `t` when it was published by `t`
 * (`publishAt <= t`, so an embargo lifts by itself) and not withdrawn by `t`. A read as of
 * a past instant therefore reproduces exactly what was served then, withdrawals included.
 */

/** A withdrawal: the release stays stored as a tombstone, with when, why and by whom. */
export interface Withdrawal {
  at: Date;
  reason: string;
  by: string;
}

/** What visibility needs to know of a release. */
export interface VisibilityFacts {
  period: string;
  revision: number;
  publishAt: Date;
  withdrawal: Withdrawal | null;
}

export type ReleaseStatus = 'published' | 'scheduled' | 'superseded' | 'withdrawn';

/** The embargo half of the rule: an embargo lifts by itself at `publishAt`. */
export const isPublishedBy = (publishAt: Date, at: Date): boolean => publishAt <= at;

export const isWithdrawnAt = (r: VisibilityFacts, at: Date): boolean =>
  r.withdrawal !== null && r.withdrawal.at <= at;

/** Published by `at` and not withdrawn by `at`. */
export const isPublicAt = (r: VisibilityFacts, at: Date): boolean =>
  isPublishedBy(r.publishAt, at) && !isWithdrawnAt(r, at);

/**
 * Shown in public release lists at `at`: every release that is public, and the tombstone of
 * every release that was public before it was withdrawn. A release withdrawn while still
 * embargoed was never public, and its existence stays as private as its contents.
 */
export const isListedAt = (r: VisibilityFacts, at: Date): boolean =>
  isPublishedBy(r.publishAt, at) && (r.withdrawal === null || isPublishedBy(r.publishAt, r.withdrawal.at));

/**
 * The current data at `at`: for each period, the newest revision public at `at`. Withdrawing
 * a revision makes the newest remaining public revision current again; withdrawing every
 * revision of a period leaves the period without data.
 */
export function currentReleases<R extends VisibilityFacts>(releases: readonly R[], at: Date): R[] {
  const best = new Map<string, R>();
  for (const r of releases) {
    if (!isPublicAt(r, at)) continue;
    const cur = best.get(r.period);
    if (!cur || r.revision > cur.revision) best.set(r.period, r);
  }
  return [...best.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/** What a read of one period serves at `at`: data, or the tombstone of a withdrawn release. */
export type PeriodRead<R> = { release: R } | { withdrawn: R } | undefined;

/**
 * The release of one period a read at `at` serves, from the period's listed releases: the
 * named revision, or else the current one. A named revision withdrawn by `at`, or a period
 * with no public revision left because they were withdrawn, reads as the newest withdrawn
 * one (its tombstone); a revision not yet public at `at` reads as absent.
 */
export function periodReadAt<R extends VisibilityFacts>(
  listed: readonly R[],
  revision: number | undefined,
  at: Date,
): PeriodRead<R> {
  if (revision !== undefined) {
    const r = listed.find((x) => x.revision === revision);
    if (!r) return undefined;
    if (isPublicAt(r, at)) return { release: r };
    return isWithdrawnAt(r, at) && isListedAt(r, at) ? { withdrawn: r } : undefined;
  }
  const current = currentReleases(listed, at).at(-1);
  if (current) return { release: current };
  const gone = listed
    .filter((r) => isWithdrawnAt(r, at) && isListedAt(r, at))
    .reduce<R | undefined>((a, r) => (a === undefined || r.revision > a.revision ? r : a), undefined);
  return gone ? { withdrawn: gone } : undefined;
}

/** A release's state at `now`, among all the releases of its dataset (`all`). */
export function releaseStatus(r: VisibilityFacts, all: readonly VisibilityFacts[], now: Date): ReleaseStatus {
  if (isWithdrawnAt(r, now)) return 'withdrawn';
  if (!isPublishedBy(r.publishAt, now)) return 'scheduled';
  const newer = all.some((o) => o.period === r.period && o.revision > r.revision && isPublicAt(o, now));
  return newer ? 'superseded' : 'published';
}

// The same rule in SQL. `table` is the alias (or name) of the releases table in the query.

/** A condition as SQL text with `??` identifiers and `?` values, and their bindings. */
export interface SqlCondition {
  sql: string;
  bindings: Array<string | Date>;
}

/** `isPublicAt` as SQL, for places that need the bare condition (a CASE inside a window). */
export function publicAtCondition(at: Date, table = 'r'): SqlCondition {
  return {
    sql: '(?? <= ? AND (?? IS NULL OR ?? > ?))',
    bindings: [`${table}.publish_at`, at, `${table}.withdrawn_at`, `${table}.withdrawn_at`, at],
  };
}

/** `isPublicAt` as a WHERE condition. */
export function wherePublicAt(q: Knex.QueryBuilder, at: Date, table = 'r'): Knex.QueryBuilder {
  const c = publicAtCondition(at, table);
  return q.whereRaw(c.sql, c.bindings);
}

/** `isListedAt` as a WHERE condition. */
export function whereListedAt(q: Knex.QueryBuilder, at: Date, table = 'r'): Knex.QueryBuilder {
  return q.whereRaw('(?? <= ? AND (?? IS NULL OR ?? <= ??))', [
    `${table}.publish_at`,
    at,
    `${table}.withdrawn_at`,
    `${table}.publish_at`,
    `${table}.withdrawn_at`,
  ]);
}

/**
 * Not withdrawn, for the calendar, which counts embargoed releases by their time too. A
 * withdrawal is stamped when it is made, never ahead, so "withdrawn by now" and
 * "withdrawn" are the same condition.
 */
export function whereNotWithdrawn(q: Knex.QueryBuilder, table = 'r'): Knex.QueryBuilder {
  return q.whereNull(`${table}.withdrawn_at`);
}
