import type { ScheduledPeriod } from './schedule';
import type { ExpectedPeriod, FirstPublication, PeriodState } from './types';

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
  const lateBy = Math.floor((pub.publishAt.getTime() - dueAt.getTime()) / 1000);
  const state: PeriodState = pub.publishAt > now ? 'scheduled' : lateBy > 0 ? 'late' : 'on_time';
  return {
    period,
    dueAt,
    state,
    publishedAt: pub.publishAt,
    delaySeconds: lateBy > 0 ? lateBy : null,
    revisions: pub.revisions,
  };
}
