import { ValidationError } from '../errors';
import { civilFromDays, epochDays, formatDays, isoWeekOf, isoWeekStart, parseDateToDays } from './civil-date';
import { pentadDaySpan, pentadIndex, pentadOfDay, pentadParts } from './pentad';
import {
  PERIOD_KINDS,
  assertPeriod,
  formatPeriod,
  isPeriodKind,
  makePeriod,
  periodsInYear,
  type Period,
  type PeriodKind,
} from './period';

/**
 * No range within 1900..2999 can reach this (the largest, all pentads, is 79,200 items);
 * it guards against the year bounds being widened without thinking about response sizes.
 */
export const MAX_RANGE_ITEMS = 100_000;

/** Inclusive span of a period in epoch days. */
export function periodDays(p: Period): { start: number; end: number } {
  const { kind, year, index } = assertPeriod(p);
  if (kind === 'week') {
    const start = isoWeekStart(year, index);
    return { start, end: start + 6 };
  }
  if (kind === 'pentad') {
    const { month, pentad } = pentadParts(index);
    const { first, last } = pentadDaySpan(year, month, pentad);
    return { start: epochDays(year, month, first), end: epochDays(year, month, last) };
  }
  const months = 12 / periodsInYear(kind, year);
  const firstMonth = (index - 1) * months + 1;
  return { start: epochDays(year, firstMonth, 1), end: epochDays(year, firstMonth + months, 1) - 1 };
}

export function periodStart(p: Period): string {
  return formatDays(periodDays(p).start);
}

export function periodEnd(p: Period): string {
  return formatDays(periodDays(p).end);
}

function outOfRange(message: string, details: Record<string, unknown>): ValidationError {
  return new ValidationError('period_out_of_range', message, details);
}

function shiftedOrThrow(kind: PeriodKind, year: number, index: number, from: Period): Period {
  const shifted = makePeriod(kind, year, index);
  if (shifted === null) {
    throw outOfRange('The adjacent period is outside the supported years', { value: formatPeriod(from) });
  }
  return shifted;
}

export function nextPeriod(p: Period): Period {
  const { kind, year, index } = assertPeriod(p);
  return index < periodsInYear(kind, year)
    ? shiftedOrThrow(kind, year, index + 1, p)
    : shiftedOrThrow(kind, year + 1, 1, p);
}

export function previousPeriod(p: Period): Period {
  const { kind, year, index } = assertPeriod(p);
  return index > 1
    ? shiftedOrThrow(kind, year, index - 1, p)
    : shiftedOrThrow(kind, year - 1, periodsInYear(kind, year - 1), p);
}

export function periodContaining(kind: PeriodKind, date: string): Period {
  if (!isPeriodKind(kind)) {
    throw new ValidationError('invalid_period_kind', 'Unknown period kind', {
      value: kind,
      expected: PERIOD_KINDS,
    });
  }
  const days = parseDateToDays(date);
  if (days === null) {
    throw new ValidationError('invalid_date', 'Expected a calendar date', {
      value: date,
      expected: 'YYYY-MM-DD',
    });
  }
  let found: Period | null;
  if (kind === 'week') {
    const { year, week } = isoWeekOf(days);
    found = makePeriod(kind, year, week);
  } else {
    const { year, month, day } = civilFromDays(days);
    const index =
      kind === 'pentad'
        ? pentadIndex(month, pentadOfDay(day))
        : Math.ceil(month / (12 / periodsInYear(kind, year)));
    found = makePeriod(kind, year, index);
  }
  // Dates at the edges (e.g. 2999-12-31, which is in ISO week-year 3000) have no supported period.
  if (found === null) throw outOfRange('No supported period contains this date', { value: date, kind });
  return found;
}

/**
 * Position on a per-kind number line, so range sizes are known before materialising them.
 * Weeks start on Mondays, which are not multiples of 7 in epoch days: floor keeps the
 * ordinal an integer, where a plain division gave 40.999… and one period too many.
 */
function ordinal(p: Period): number {
  return p.kind === 'week'
    ? Math.floor(periodDays(p).start / 7)
    : p.year * periodsInYear(p.kind, p.year) + p.index;
}

/** Inclusive; `from` after `to` yields an empty list, like an empty interval. */
export function periodRange(from: Period, to: Period, limit: number = MAX_RANGE_ITEMS): Period[] {
  const first = assertPeriod(from);
  const last = assertPeriod(to);
  if (first.kind !== last.kind) {
    throw new ValidationError('period_kind_mismatch', 'A period range needs two periods of the same kind', {
      from: formatPeriod(first),
      to: formatPeriod(last),
    });
  }
  const count = ordinal(last) - ordinal(first) + 1;
  if (count <= 0) return [];
  if (count > limit) {
    throw new ValidationError('period_range_too_large', 'The period range has too many items', {
      count,
      limit,
    });
  }
  const out: Period[] = [first];
  while (out.length < count) out.push(nextPeriod(out[out.length - 1] as Period));
  return out;
}

/** Same kind: chronological. Mixed kinds: by start, then end (shorter first), then kind order. */
export function comparePeriods(a: Period, b: Period): number {
  const pa = assertPeriod(a);
  const pb = assertPeriod(b);
  if (pa.kind === pb.kind) return Math.sign(pa.year - pb.year || pa.index - pb.index);
  const da = periodDays(pa);
  const db = periodDays(pb);
  return Math.sign(
    da.start - db.start || da.end - db.end || PERIOD_KINDS.indexOf(pa.kind) - PERIOD_KINDS.indexOf(pb.kind),
  );
}
