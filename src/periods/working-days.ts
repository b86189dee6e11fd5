import schedule from 'chinese-days/dist/chinese-days.json';
import { civilFromDays, isoWeekday } from './civil-date';

/**
 * Working days (工作日) as the State Council's yearly holiday notice (国务院办公厅关于部分节假日
 * 安排的通知) sets them: the public holidays are days off even on weekdays, and some weekends
 * around them are working days (调休, e.g. Sunday 2025-01-26 before the Spring Festival).
 *
 * The schedule is the `chinese-days` package's published data file (one entry per day off
 * and per make-up working day, keyed 'YYYY-MM-DD'); the package is updated within days of
 * each notice. Its own functions are not used: they parse dates through a Day.js wrapper in
 * the process's local time zone, and these counts must not depend on the server's zone, so
 * everything here works on civil day numbers.
 *
 * A year the data does not cover yet (the notice for year N usually appears in November of
 * N−1) falls back to Monday–Friday with no holidays. Every count that touches such a year is
 * marked `provisional`, and answers show that flag, so nobody mistakes it for the legal date.
 */

const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(schedule.holidays));
const MAKE_UP_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(schedule.workdays));

/** The years the holiday data covers, e.g. 2004–2026. */
export const SCHEDULED_YEARS: ReadonlySet<number> = new Set(
  [...HOLIDAYS, ...MAKE_UP_WORKDAYS].map((d) => Number(d.slice(0, 4))),
);

export interface WorkingDay {
  working: boolean;
  /** False when the day's year is not in the holiday data and Monday–Friday was assumed. */
  scheduled: boolean;
}

function key(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a civil day (epoch days) is a working day. */
export function workingDay(days: number): WorkingDay {
  const weekday = isoWeekday(days) <= 5;
  if (!SCHEDULED_YEARS.has(civilFromDays(days).year)) return { working: weekday, scheduled: false };
  const k = key(days);
  if (MAKE_UP_WORKDAYS.has(k)) return { working: true, scheduled: true };
  return { working: weekday && !HOLIDAYS.has(k), scheduled: true };
}

export interface WorkingDayCount {
  /** The civil day (epoch days) reached. */
  days: number;
  /** Some day counted or skipped lies in a year without holiday data. */
  provisional: boolean;
}

/**
 * The `n`th working day after `start`. The start day itself is not counted, as with every
 * statutory period in Chinese law (期间开始的当日不计算在内): a request received on a Friday
 * has its first working day on the next working day.
 */
export function addWorkingDays(start: number, n: number): WorkingDayCount {
  let days = start;
  let provisional = false;
  for (let counted = 0; counted < n;) {
    days += 1;
    const d = workingDay(days);
    if (!d.scheduled) provisional = true;
    if (d.working) counted += 1;
  }
  return { days, provisional };
}

/** Working days in (from, to]; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: number, to: number): number {
  let n = 0;
  for (let d = from + 1; d <= to; d++) if (workingDay(d).working) n += 1;
  return n;
}
