import { ValidationError } from '../errors';
import { isoWeeksInYear } from './civil-date';
import { pentadIndex, pentadParts } from './pentad';

export type PeriodKind = 'week' | 'pentad' | 'month' | 'quarter' | 'half' | 'year';

/**
 * index: week 1..53 (year is the ISO week-year), pentad 1..72 (month * 6 - 6 + p),
 * month 1..12, quarter 1..4, half 1..2, year 1.
 */
export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  readonly index: number;
}

/** Finest to coarsest; also the last-resort tie-break when ordering mixed kinds. */
export const PERIOD_KINDS: readonly PeriodKind[] = Object.freeze([
  'week',
  'pentad',
  'month',
  'quarter',
  'half',
  'year',
] as const);

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const FIXED_COUNTS: Record<Exclude<PeriodKind, 'week'>, number> = {
  pentad: 72,
  month: 12,
  quarter: 4,
  half: 2,
  year: 1,
};

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

export function periodsInYear(kind: PeriodKind, year: number): number {
  return kind === 'week' ? isoWeeksInYear(year) : FIXED_COUNTS[kind];
}

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Frozen so a Period can be shared (caches, map keys) without defensive copies. */
export function makePeriod(kind: PeriodKind, year: number, index: number): Period | null {
  if (!isYearInRange(year) || !Number.isInteger(index)) return null;
  if (index < 1 || index > periodsInYear(kind, year)) return null;
  return Object.freeze({ kind, year, index });
}

function invalidPeriod(value: unknown, message: string, expected?: PeriodKind): ValidationError {
  // Echo back enough to identify the input without copying an arbitrarily large payload.
  const shown = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return new ValidationError('invalid_period', message, {
    value: shown,
    ...(expected === undefined ? {} : { expected }),
  });
}

/**
 * Guards functions that take a Period object: callers may build one by hand or receive
 * it from JSON, and an out-of-range index would otherwise produce silently wrong dates.
 */
export function assertPeriod(p: Period): Period {
  const candidate = p as Partial<Period> | null | undefined;
  const valid =
    typeof candidate === 'object' && candidate !== null && isPeriodKind(candidate.kind)
      ? makePeriod(candidate.kind, candidate.year as number, candidate.index as number)
      : null;
  if (valid === null) throw invalidPeriod(p, 'Not a valid period');
  // A clean frozen copy: objects decoded from JSON may carry extra fields.
  return valid;
}

// Anchored, ASCII digits only (\d without the u flag), no trimming: anything but the
// canonical shape (plus lowercase letters and a one-digit week) is rejected.
const PATTERNS: ReadonlyArray<readonly [PeriodKind, RegExp]> = [
  ['week', /^(\d{4})-[Ww](\d{1,2})$/],
  ['pentad', /^(\d{4})-(\d{2})-[Pp](\d)$/],
  ['month', /^(\d{4})-(\d{2})$/],
  ['quarter', /^(\d{4})-[Qq](\d)$/],
  ['half', /^(\d{4})-[Hh](\d)$/],
  ['year', /^(\d{4})$/],
];

function fromText(text: string): Period | null {
  for (const [kind, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    const first = Number(m[2] ?? 1);
    if (kind !== 'pentad') return makePeriod(kind, year, first);
    // Validate month and position separately: month 00 with P7 would otherwise alias P1 of January.
    const pentad = Number(m[3]);
    if (first < 1 || first > 12 || pentad < 1 || pentad > 6) return null;
    return makePeriod(kind, year, pentadIndex(first, pentad));
  }
  return null;
}

export function tryParsePeriod(text: string): Period | null {
  return typeof text === 'string' ? fromText(text) : null;
}

export function parsePeriod(text: string, expected?: PeriodKind): Period {
  const period = tryParsePeriod(text);
  if (period === null) throw invalidPeriod(text, 'Not a valid period', expected);
  if (expected !== undefined && period.kind !== expected) {
    throw invalidPeriod(text, `Expected a ${expected} period, got a ${period.kind}`, expected);
  }
  return period;
}

/** The kind of a fully valid period text; shape alone is not enough (2021-W53 gives null). */
export function periodKindOf(text: string): PeriodKind | null {
  return tryParsePeriod(text)?.kind ?? null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatPeriod(p: Period): string {
  const { kind, year, index } = assertPeriod(p);
  switch (kind) {
    case 'week':
      return `${year}-W${pad2(index)}`;
    case 'pentad': {
      const { month, pentad } = pentadParts(index);
      return `${year}-${pad2(month)}-P${pentad}`;
    }
    case 'month':
      return `${year}-${pad2(index)}`;
    case 'quarter':
      return `${year}-Q${index}`;
    case 'half':
      return `${year}-H${index}`;
    case 'year':
      return String(year);
  }
}
