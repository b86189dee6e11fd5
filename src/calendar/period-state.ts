import type { ScheduledPeriod } from './schedule';
import type { ExpectedPeriod, FirstPublication, PeriodState } from './types';

/** How late a publication is, in whole seconds, or null when it is on time. */
export function delayOf(publishAt: Date, dueAt: Date): number | null {
  const seconds = Math.floor((publishAt.getTime() - dueAt.getTime()) / 1000);
  return seconds > 0 ? seconds : null;
}

/** Where a scheduled period stands at `now`, given its first publication if any. */
export function periodState(
  s: ScheduledPeriod,
  pub: FirstPublication | undefined,
  now: Date,
): ExpectedPeriod {
  const { period, dueAt } = s;
  if (!pub) {
    const state: PeriodState = dueAt <= now ? 'missing' : 'upcoming';
    return { period, dueAt, state, publishedAt: null, delaySeconds: null, revisions: 0 };
  }
  const delaySeconds = delayOf(pub.publishAt, dueAt);
  const state: PeriodState = pub.publishAt > now ? 'scheduled' : delaySeconds ? 'late' : 'on_time';
  return {
    period,
    dueAt,
    state,
    publishedAt: pub.publishAt,
    delaySeconds,
    revisions: pub.revisions,
  };
}
