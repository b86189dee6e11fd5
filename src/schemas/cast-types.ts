import { isAppError } from '../errors';
import { formatPeriod, parsePeriod } from '../periods';
import { parseDecimal } from './decimal';
import type { CastRule, FieldDef, PeriodKind } from './types';

/** Outcome of turning one non-missing text into the field's canonical logical value. */
export type TypeCast =
  { ok: true; value: string | number | boolean } | { ok: false; rule: CastRule; message: string };

// Four-digit years only: canonical text must sort lexically, and a year outside this
// window in periodic statistics is always a typo ('0217', '20170').
const MIN_YEAR = 1000;
const MAX_YEAR = 2999;

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['是', true],
  ['否', false],
]);

// A JS string can carry unpaired surrogates that no UTF-8 column can store faithfully.
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PERIOD_FORMS: Record<PeriodKind, string> = {
  week: 'a week such as 2017-W05',
  pentad: 'a pentad (5-day period) such as 2017-03-P2',
  month: 'a month such as 2017-03',
  quarter: 'a quarter such as 2017-Q1',
  half: 'a half-year such as 2017-H1',
  year: 'a year such as 2017',
};

const fail = (rule: CastRule, message: string): TypeCast => ({ ok: false, rule, message });

export function castType(field: FieldDef, raw: string): TypeCast {
  if (field.type === 'string') return castString(raw);
  const text = raw.trim();
  switch (field.type) {
    case 'integer':
      return castInteger(text);
    case 'number':
      return castNumber(text);
    case 'boolean':
      return castBoolean(text);
    case 'date':
      return castDate(text);
    case 'year':
      return castYear(text);
    case 'yearmonth':
      return castYearMonth(text);
    case 'period':
      return castPeriod(text, field.periodKind);
  }
}

function castString(raw: string): TypeCast {
  if (raw.includes('\u0000')) return fail('type', 'Text must not contain NUL characters');
  if (LONE_SURROGATE_RE.test(raw)) return fail('type', 'Text contains an unpaired UTF-16 surrogate');
  return { ok: true, value: raw };
}

function castInteger(text: string): TypeCast {
  if (!/^[+-]?\d+$/.test(text)) return fail('type', 'Expected an integer such as 42 or -7');
  // Checking the digit count first keeps BigInt away from megabyte-long inputs.
  const digits = text.replace(/^[+-]?0*/, '');
  if (digits.length > 16 || BigInt(digits === '' ? '0' : digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail('range', `Integer is outside ±${Number.MAX_SAFE_INTEGER}`);
  }
  const n = Number(text);
  return { ok: true, value: n === 0 ? 0 : n }; // no -0
}

function castNumber(text: string): TypeCast {
  const parsed = parseDecimal(text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return parsed.reason === 'scale'
    ? fail('range', 'Number has too many digits after the decimal point')
    : fail('type', 'Expected a finite decimal number such as 12.5 or 1.2e3 (no thousands separators)');
}

function castBoolean(text: string): TypeCast {
  const value = BOOLEAN_WORDS.get(text.toLowerCase());
  if (value === undefined) return fail('type', 'Expected a boolean: true/false, 1/0, yes/no or 是/否');
  return { ok: true, value };
}

function castYear(text: string): TypeCast {
  if (!/^\d{4}$/.test(text)) return fail('type', 'Expected a four-digit year such as 2017');
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail('range', `Year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  return { ok: true, value: year };
}

// Excel commonly saves dates as 2017/3/5, so the slash form with unpadded parts is accepted too.
function castDate(text: string): TypeCast {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  const message = `Expected a calendar date as YYYY-MM-DD (or YYYY/M/D), years ${MIN_YEAR}-${MAX_YEAR}`;
  if (!m) return fail('type', message);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYearMonth(year, month) || day < 1 || day > daysInMonth(year, month)) return fail('type', message);
  return { ok: true, value: `${m[1]}-${pad2(month)}-${pad2(day)}` };
}

function castYearMonth(text: string): TypeCast {
  const m = /^(\d{4})-(\d{2})$/.exec(text) ?? /^(\d{4})\/(\d{1,2})$/.exec(text);
  const message = `Expected a year and month as YYYY-MM (or YYYY/M), years ${MIN_YEAR}-${MAX_YEAR}`;
  if (!m || !validYearMonth(Number(m[1]), Number(m[2]))) return fail('type', message);
  return { ok: true, value: `${m[1]}-${pad2(Number(m[2]))}` };
}

function castPeriod(text: string, kind: PeriodKind | undefined): TypeCast {
  if (kind === undefined) return fail('type', 'Period field has no periodKind');
  try {
    return { ok: true, value: formatPeriod(parsePeriod(text, kind)) };
  } catch (err) {
    if (isAppError(err) && err.code === 'invalid_period') {
      return fail('type', `Expected ${PERIOD_FORMS[kind]}`);
    }
    throw err;
  }
}

function validYearMonth(year: number, month: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
