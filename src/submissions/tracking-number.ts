import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O and U: nothing to misread when it is read out on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** e.g. YSQ2026-7K3M9Q2D: a prefix, the year, and 40 random bits. */
export const TRACKING_NUMBER_RE = /^[A-Z]{2,4}\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * A tracking number to give the submitter. Forty random bits make numbers impossible to
 * guess in practice, so walking through them to read others' status pages does not work
 * (and those pages carry no personal data anyway).
 */
export function newTrackingNumber(prefix: string, year: number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}${year}-${code}`;
}
