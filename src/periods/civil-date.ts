/**
 * Calendar dates as whole "epoch days" (days since 1970-01-01, proleptic Gregorian).
 * Periods are calendar concepts with no time zone, so all day arithmetic happens on
 * integers and only the due-date module ever turns a day into an instant.
 */

const DAY_MS = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Out-of-range months and days roll over (month 13 is January of the next year), which
 * keeps callers free of carry logic. setUTCFullYear is used instead of Date.UTC because
 * Date.UTC maps years 0..99 onto 1900..1999.
 */
export function epochDays(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

export function civilFromDays(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return epochDays(year, month + 1, 1) - epochDays(year, month, 1);
}

export function formatDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Strict 'YYYY-MM-DD'; impossible dates such as 2017-02-30 are rejected rather than rolled over. */
export function parseDateToDays(text: string): number | null {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDays(year, month, day);
}

/** Monday = 1 … Sunday = 7. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601: a week belongs to the year that holds its Thursday. */
export function isoWeekOf(days: number): { year: number; week: number } {
  const thursday = days - isoWeekday(days) + 4;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - epochDays(year, 1, 1)) / 7) + 1 };
}

/** 4 January is always in week 1, so week 1 starts on the Monday on or before it. */
export function isoWeekStart(year: number, week: number): number {
  const jan4 = epochDays(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
}

/** 28 December is always in the last ISO week of its year. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(epochDays(year, 12, 28)).week;
}
