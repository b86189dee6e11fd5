/**
 * Exact decimal handling for `number` fields. Values are kept as canonical decimal text
 * (never routed through a double) so a numeric column stores exactly what was published,
 * e.g. '12.50' stays '12.50' and 0.1 + 0.2 style drift cannot creep in.
 */

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** PostgreSQL numeric allows at most 16383 digits after the decimal point. */
export const MAX_DECIMAL_SCALE = 16383;

export type DecimalParse = { ok: true; value: string } | { ok: false; reason: 'syntax' | 'scale' };

/**
 * Canonical form: no exponent, no '+', no redundant leading zeros, '-' dropped for zero;
 * fractional digits are kept as written because trailing zeros carry stated precision.
 */
export function parseDecimal(text: string): DecimalParse {
  const m = DECIMAL_RE.exec(text);
  if (!m) return { ok: false, reason: 'syntax' };
  const [, sign = '', intDigits = '', fracDigits = '', expText] = m;
  if (intDigits === '' && fracDigits === '') return { ok: false, reason: 'syntax' };
  // Overflowing a double (e.g. '1e400') is rejected outright: consumers read these values
  // as JSON numbers, and PostgreSQL would otherwise accept a value nobody can use.
  if (!Number.isFinite(Number(text))) return { ok: false, reason: 'syntax' };
  const exp = expText === undefined ? 0 : Number(expText);
  const scale = fracDigits.length - exp;
  if (scale > MAX_DECIMAL_SCALE) return { ok: false, reason: 'scale' };

  const digits = intDigits + fracDigits;
  // Zero short-circuits before the exponent is applied, so '0e999999999' stays cheap.
  if (/^0*$/.test(digits)) return { ok: true, value: scale > 0 ? `0.${'0'.repeat(scale)}` : '0' };
  const point = intDigits.length + exp; // position of the decimal point within `digits`
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  return { ok: true, value: `${sign === '-' ? '-' : ''}${intPart}${fracPart === '' ? '' : `.${fracPart}`}` };
}

/** Compares two canonical decimals exactly; returns -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const mag = compareMagnitude(negA ? a.slice(1) : a, negB ? b.slice(1) : b);
  return negA ? -mag : mag;
}

function compareMagnitude(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, '0');
  const fb = bf.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
