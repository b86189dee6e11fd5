import type { Dataset, Season } from '../catalog';
import {
  dueDate,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodStart,
  shanghaiDate,
  type Period,
} from '../periods';

/** A guard against a runaway loop; weekly data from 1900 to 2999 is about 57,000 periods. */
const MAX_PERIODS = 100_000;

export interface ScheduledPeriod {
  period: Period;
  dueAt: Date;
}

/**
 * The first period an agency is accountable for: the declared first period, or, for a
 * dataset registered without one, the period in which it was registered. Nobody can be late
 * for periods before the platform asked for them.
 */
export function trackingStart(d: Dataset): Period {
  if (d.firstPeriod) return parsePeriod(d.firstPeriod, d.periodKind);
  return periodContaining(d.periodKind, shanghaiDate(new Date(d.createdAt)));
}

/** Season months may wrap the new year (grain purchase: Oct–Mar). */
export function inSeason(p: Period, season: Season | null): boolean {
  if (!season) return true;
  const month = Number(periodStart(p).slice(5, 7));
  const { startMonth: a, endMonth: b } = season;
  return a <= b ? month >= a && month <= b : month >= a || month <= b;
}

/**
 * A repealed or expired item stops generating obligations: only periods that ended on or
 * before the status date are still expected.
 */
function endedBeforeStatus(d: Dataset, p: Period): boolean {
  if (d.status.status === 'active' || !d.status.date) return true;
  return periodEnd(p) <= d.status.date;
}

/**
 * Every period the dataset's cadence expects from its tracking start whose due instant is
 * at or before `horizon`, in order. Irregular datasets expect nothing. `notBefore` (a
 * Beijing date) skips the periods that end before it, for callers that only look near now.
 */
export function expectedPeriods(d: Dataset, horizon: Date, notBefore?: string): ScheduledPeriod[] {
  if (d.cadence === 'irregular') return [];
  const out: ScheduledPeriod[] = [];
  let p: Period = trackingStart(d);
  if (notBefore !== undefined && periodEnd(p) < notBefore) p = periodContaining(d.periodKind, notBefore);
  for (let i = 0; i < MAX_PERIODS; i++) {
    const dueAt = dueDate(p, d.dueRule);
    if (dueAt > horizon || !endedBeforeStatus(d, p)) break;
    if (inSeason(p, d.season)) out.push({ period: p, dueAt });
    p = nextPeriod(p);
  }
  return out;
}
