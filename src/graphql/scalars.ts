import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ValidationError } from '../errors';
import { formatPeriod, parsePeriod } from '../periods';

/**
 * Input scalars throw the domain's ValidationError, so a bad literal or variable reaches
 * formatError with its stable error code (invalid_period, …) and maps to BAD_USER_INPUT.
 */
function textLiteral(name: string, ast: ValueNode): string {
  if (ast.kind !== Kind.STRING) {
    throw new ValidationError('invalid_parameter', `${name} values are strings`, { type: name });
  }
  return ast.value;
}

function textValue(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new ValidationError('invalid_parameter', `${name} values are strings`, { type: name });
  }
  return value;
}

const periodText = (raw: string) => formatPeriod(parsePeriod(raw));

export const PeriodScalar = new GraphQLScalarType<string, string>({
  name: 'Period',
  description:
    'A reporting period in canonical text: ISO week 2017-W19, pentad 2017-10-P1, month 2017-05, quarter 2017-Q2, half 2017-H1 or year 2017. 统计期。',
  serialize: (v) => String(v),
  parseValue: (v) => periodText(textValue('Period', v)),
  parseLiteral: (ast) => periodText(textLiteral('Period', ast)),
});

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function dateText(raw: string): string {
  const d = new Date(`${raw}T00:00:00Z`);
  if (!DATE_RE.test(raw) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) {
    throw new ValidationError('invalid_parameter', `${JSON.stringify(raw)} is not a YYYY-MM-DD date`, {
      type: 'Date',
      value: raw,
    });
  }
  return raw;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (no time zone). 日期。',
  serialize: (v) => String(v),
  parseValue: (v) => dateText(textValue('Date', v)),
  parseLiteral: (ast) => dateText(textLiteral('Date', ast)),
});

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function instant(raw: string): Date {
  const d = new Date(raw);
  if (!INSTANT_RE.test(raw) || Number.isNaN(d.getTime())) {
    throw new ValidationError('invalid_parameter', 'DateTime values are ISO 8601 timestamps', {
      type: 'DateTime',
      value: raw,
    });
  }
  return d;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 (e.g. 2024-05-01T09:30:00+08:00); always returned in UTC.',
  serialize: (v) => (v instanceof Date ? v : new Date(String(v))).toISOString(),
  parseValue: (v) => instant(textValue('DateTime', v)),
  parseLiteral: (ast) => instant(textLiteral('DateTime', ast)),
});

function safeInteger(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  throw new ValidationError('invalid_parameter', 'SafeInt values are integers within ±(2^53 − 1)', {
    type: 'SafeInt',
    value: typeof v === 'number' ? v : String(v),
  });
}

/**
 * `integer` columns are PostgreSQL bigint, which GraphQL's 32-bit Int cannot carry. A field
 * whose schema bounds it within 32 bits is typed Int; any other integer field is SafeInt,
 * a JSON number in JavaScript's exact integer range (the database layer reads bigint as a
 * JS number, so that is the range this platform serves).
 */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer in the range ±(2^53 − 1), sent as a JSON number. 整数（超出 32 位时使用）。',
  serialize: (v) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
    throw new GraphQLError(`SafeInt cannot represent ${String(v)}`);
  },
  parseValue: safeInteger,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) return safeInteger(undefined);
    return safeInteger(Number(ast.value));
  },
});
