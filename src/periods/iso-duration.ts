import { ValidationError } from '../errors';

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

/**
 * Due rules need whole units down to minutes only, so seconds, fractions and signs are
 * rejected rather than silently rounded. Weeks may be combined with other units (as in
 * ISO 8601-2 and Temporal), since "P1W2D" is unambiguous and convenient in rule files.
 * Designators must be uppercase, as written in the standard.
 */
const DURATION_PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

const EXPECTED = 'ISO 8601 duration such as P3D, P1M, P2W or P1Y2M10DT2H30M';

export function parseIsoDuration(text: string): IsoDuration {
  const m = typeof text === 'string' ? DURATION_PATTERN.exec(text) : null;
  const parts = m?.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (!parts || !parts.every(Number.isSafeInteger)) {
    throw new ValidationError('invalid_duration', 'Not a supported ISO 8601 duration', {
      value: text,
      expected: EXPECTED,
    });
  }
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0] = parts;
  return { years, months, weeks, days, hours, minutes };
}
