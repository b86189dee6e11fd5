import { ValidationError } from '../errors';
import { civilFromDays, daysInMonth, epochDays, formatDays } from './civil-date';
import { periodDays } from './arithmetic';
import { parseIsoDuration } from './iso-duration';
import type { Period } from './period';

/**
 * Asia/Shanghai is implemented as a fixed UTC+08:00 offset (Beijing time). China observed
 * DST only in 1986–1991 and publication rules are written in Beijing time, so no tz
 * database lookup is needed and results do not depend on the host's ICU data.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export interface DueRule {
  /** ISO 8601 duration counted from the day after the period ends. */
  offset: string;
  /** 'HH:MM', 24-hour, Beijing time. */
  time: string;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Month arithmetic clamps to the month's last day (Jan 31 + P1M = Feb 28/29), as Temporal does. */
function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return epochDays(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * The offset's calendar part (years, months, then weeks and days) moves the day after the
 * period ends; the wall-clock time is then set to rule.time and the offset's hours and
 * minutes are added on top.
 */
export function dueDate(p: Period, rule: DueRule): Date {
  const time = typeof rule?.time === 'string' ? TIME_PATTERN.exec(rule.time) : null;
  if (!time) {
    throw new ValidationError('invalid_due_time', 'Due time must be HH:MM (00:00–23:59)', {
      value: rule?.time,
      expected: 'HH:MM',
    });
  }
  const offset = parseIsoDuration(rule.offset);
  const dayAfterEnd = periodDays(p).end + 1;
  const day = addMonths(dayAfterEnd, offset.years * 12 + offset.months) + offset.weeks * 7 + offset.days;
  const minutes =
    Number(time[1]) * 60 + Number(time[2]) + offset.hours * 60 + offset.minutes - SHANGHAI_OFFSET_MINUTES;
  const due = new Date((day * DAY_MINUTES + minutes) * MINUTE_MS);
  if (Number.isNaN(due.getTime())) {
    throw new ValidationError('invalid_duration', 'The offset puts the due date out of range', {
      value: rule.offset,
    });
  }
  return due;
}

/**
 * The first instant at which a release of the period may be published: once the period has
 * ended (00:00 Beijing time on the day after its last day), or `leadTime` (an ISO 8601
 * duration) earlier, for data that is published ahead of its period, such as a budget.
 */
export function releasableFrom(p: Period, leadTime: string | null = null): Date {
  const lead = leadTime === null ? undefined : parseIsoDuration(leadTime);
  const dayAfterEnd = periodDays(p).end + 1;
  if (!lead) return new Date((dayAfterEnd * DAY_MINUTES - SHANGHAI_OFFSET_MINUTES) * MINUTE_MS);
  const day = addMonths(dayAfterEnd, -(lead.years * 12 + lead.months)) - lead.weeks * 7 - lead.days;
  const minutes = -(lead.hours * 60 + lead.minutes) - SHANGHAI_OFFSET_MINUTES;
  return new Date((day * DAY_MINUTES + minutes) * MINUTE_MS);
}

export function shanghaiDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError('invalid_instant', 'Expected a valid Date', { value: String(instant) });
  }
  return formatDays(Math.floor((ms + SHANGHAI_OFFSET_MINUTES * MINUTE_MS) / (DAY_MINUTES * MINUTE_MS)));
}
