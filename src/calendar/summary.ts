import type { ExpectedPeriod, TimelinessSummary } from './types';

/** Rates are rounded to four decimals so that JSON, GraphQL and the feed agree exactly. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function summarise(periods: readonly ExpectedPeriod[], now: Date): TimelinessSummary {
  const s = { due: 0, onTime: 0, late: 0, missing: 0, scheduled: 0, upcoming: 0, incomplete: 0 };
  let delaySum = 0;
  let maxDelay: number | null = null;
  for (const p of periods) {
    if (p.dueAt <= now) s.due++;
    if (p.state === 'on_time') s.onTime++;
    else if (p.state === 'late') {
      s.late++;
      delaySum += p.delaySeconds ?? 0;
      maxDelay = Math.max(maxDelay ?? 0, p.delaySeconds ?? 0);
    } else if (p.state === 'missing') s.missing++;
    else if (p.state === 'incomplete') s.incomplete++;
    else if (p.state === 'scheduled') s.scheduled++;
    else s.upcoming++;
  }
  return {
    ...s,
    onTimeRate: s.due === 0 ? null : round4(s.onTime / s.due),
    averageDelaySeconds: s.late === 0 ? null : Math.round(delaySum / s.late),
    maxDelaySeconds: maxDelay,
  };
}
