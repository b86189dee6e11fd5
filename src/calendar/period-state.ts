import { isPublishedBy } from '../catalog';
import type { ScheduledPeriod } from './schedule';
import type { ExpectedPeriod, FirstPublication, PeriodState } from './types';

/** How late a publication is, in whole seconds, or null when it is on time. */
export function delayOf(publishAt: Date, dueAt: Date): number | null {
  const seconds = Math.floor((publishAt.getTime() - dueAt.getTime()) / 1000);
  return seconds > 0 ? seconds : null;
}

/**
 * Where a scheduled period stands at `now`, given its first publication if any. For a
 * dataset that requires an interpretation (解读, 六(三)), the period is complete only when
 * one is public too: until then `incomplete`, and its delay runs to the later of the two.
 */
export function periodState(
  s: ScheduledPeriod,
  pub: FirstPublication | undefined,
  now: Date,
  o: { requiresInterpretation?: boolean } = {},
): ExpectedPeriod {
  const { period, dueAt } = s;
  if (!pub) {
    const state: PeriodState = dueAt <= now ? 'missing' : 'upcoming';
    return { period, dueAt, state, publishedAt: null, delaySeconds: null, revisions: 0 };
  }
  if (o.requiresInterpretation && isPublishedBy(pub.publishAt, now)) {
    const interpretedAt = pub.interpretedAt ?? null;
    if (interpretedAt === null || interpretedAt > now) {
      return {
        period,
        dueAt,
        state: 'incomplete',
        publishedAt: pub.publishAt,
        delaySeconds: null,
        revisions: pub.revisions,
      };
    }
    const complete = interpretedAt > pub.publishAt ? interpretedAt : pub.publishAt;
    const delaySeconds = delayOf(complete, dueAt);
    return {
      period,
      dueAt,
      state: delaySeconds ? 'late' : 'on_time',
      publishedAt: pub.publishAt,
      delaySeconds,
      revisions: pub.revisions,
    };
  }
  const delaySeconds = delayOf(pub.publishAt, dueAt);
  const state: PeriodState = !isPublishedBy(pub.publishAt, now)
    ? 'scheduled'
    : delaySeconds
      ? 'late'
      : 'on_time';
  return {
    period,
    dueAt,
    state,
    publishedAt: pub.publishAt,
    delaySeconds,
    revisions: pub.revisions,
  };
}
