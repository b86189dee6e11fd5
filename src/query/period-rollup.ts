import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import type { PeriodKind } from '../periods';
import type { FieldDef } from '../schemas';

export type RollupGrain = 'month' | 'quarter' | 'half' | 'year';

/** The coarser grains each period kind rolls up to. */
const GRAINS: Record<PeriodKind, readonly RollupGrain[]> = {
  week: ['month', 'quarter', 'year'],
  pentad: ['month', 'quarter', 'half', 'year'],
  month: ['quarter', 'half', 'year'],
  quarter: ['half', 'year'],
  half: ['year'],
  year: [],
};

/**
 * The rule, stated once and given in every answer that uses it: an ISO week belongs to the
 * month, quarter or year that holds its Thursday (ISO 8601 counts a week in the year of its
 * Thursday, and this extends that to months), so each week counts exactly once; a pentad
 * lies within its month, and months, quarters and halves nest in the calendar.
 */
export const ROLLUP_RULE = {
  week: 'iso-thursday: a week belongs to the month, quarter or year that holds its Thursday',
  other: 'calendar: the period lies within the coarser one',
} as const;

export function rollupGrains(kind: PeriodKind): readonly RollupGrain[] {
  return GRAINS[kind];
}

export function rollupRule(kind: PeriodKind): string {
  return kind === 'week' ? ROLLUP_RULE.week : ROLLUP_RULE.other;
}

export interface Rollup {
  field: FieldDef;
  from: PeriodKind;
  to: RollupGrain;
  rule: string;
}

/** `period:month` → the period field rolled up to months; plain names are not rollups. */
export function parseRollup(name: string, periodFieldDef: FieldDef): Rollup | undefined {
  const [fieldName, grain] = name.split(':', 2);
  if (grain === undefined) return undefined;
  const kind = periodFieldDef.periodKind;
  const allowed = kind ? GRAINS[kind] : [];
  if (fieldName !== periodFieldDef.name || !kind || !(allowed as readonly string[]).includes(grain)) {
    throw new ValidationError(
      'invalid_parameter',
      `${name}: only the period field rolls up, to a coarser period (${allowed.map((g) => `${periodFieldDef.name}:${g}`).join(', ') || 'none for yearly data'})`,
      { parameter: 'groupBy', value: name, allowed: allowed.map((g) => `${periodFieldDef.name}:${g}`) },
    );
  }
  return {
    field: periodFieldDef,
    from: kind,
    to: grain as RollupGrain,
    rule: rollupRule(kind),
  };
}

/**
 * The rolled-up period as SQL over the stored period text ('2017-W19', '2017-10-P2',
 * '2017-05', '2017-Q2', '2017-H1'), in the canonical text of the coarser period.
 */
export function rollupExpression(knex: Knex, r: Rollup): Knex.Raw {
  const col = r.field.name;
  if (r.from === 'week') {
    // Thursday of the ISO week, then its calendar month, quarter or year.
    const thursday = `to_date(?? || '-4', 'IYYY-"W"IW-ID')`;
    const format = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', half: '', year: 'YYYY' }[r.to];
    return knex.raw(`to_char(${thursday}, '${format}')`, [col]);
  }
  // Every other kind starts with YYYY-MM or YYYY-Q/H: read the month (or quarter) it falls in.
  const month =
    r.from === 'pentad' || r.from === 'month'
      ? `substr(??, 6, 2)::int`
      : r.from === 'quarter'
        ? `(substr(??, 7, 1)::int * 3)`
        : `(substr(??, 7, 1)::int * 6)`;
  if (r.to === 'month') return knex.raw(`left(??, 7)`, [col]);
  if (r.to === 'year') return knex.raw(`left(??, 4)`, [col]);
  const part = r.to === 'quarter' ? `'-Q' || ((${month} + 2) / 3)` : `'-H' || ((${month} + 5) / 6)`;
  return knex.raw(`left(??, 4) || ${part}`, [col, col]);
}
