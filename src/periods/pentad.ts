import { daysInMonth } from './civil-date';

/**
 * Pentads (候) follow the grain-purchase reporting convention: five fixed 5-day spans per
 * month and a sixth that absorbs the remainder (26th to month end, 3 to 6 days), so every
 * month has exactly six and a pentad never crosses a month boundary.
 */
export const PENTADS_PER_MONTH = 6;

/** Splits a pentad index (1..72) into its month (1..12) and position within the month (1..6). */
export function pentadParts(index: number): { month: number; pentad: number } {
  return {
    month: Math.floor((index - 1) / PENTADS_PER_MONTH) + 1,
    pentad: ((index - 1) % PENTADS_PER_MONTH) + 1,
  };
}

export function pentadIndex(month: number, pentad: number): number {
  return (month - 1) * PENTADS_PER_MONTH + pentad;
}

/** First and last day of month (inclusive) covered by the pentad. */
export function pentadDaySpan(year: number, month: number, pentad: number): { first: number; last: number } {
  return {
    first: (pentad - 1) * 5 + 1,
    last: pentad === PENTADS_PER_MONTH ? daysInMonth(year, month) : pentad * 5,
  };
}

export function pentadOfDay(day: number): number {
  return Math.min(PENTADS_PER_MONTH, Math.ceil(day / 5));
}
