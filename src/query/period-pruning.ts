import type { ReleaseRecord } from '../catalog';
import type { Filter } from './spec';

interface PeriodTest {
  op: Filter['op'];
  v: string[];
  values: Filter['values'];
}

function matches(period: string, f: PeriodTest): boolean {
  const v = f.v;
  // Canonical period text of one kind sorts chronologically, so string comparison is exact.
  switch (f.op) {
    case 'eq':
      return period === v[0];
    case 'in':
      return v.includes(period);
    case 'ne':
      return period !== v[0];
    case 'gt':
      return period > v[0]!;
    case 'gte':
      return period >= v[0]!;
    case 'lt':
      return period < v[0]!;
    case 'lte':
      return period <= v[0]!;
    case 'null':
      return f.values[0] === false;
    default:
      return true;
  }
}

/** A release holds exactly one period, so period filters can drop whole releases up front. */
export function releasesMatching(
  releases: ReleaseRecord[],
  filters: readonly Filter[],
  periodName: string,
): ReleaseRecord[] {
  const own: PeriodTest[] = filters
    .filter((f) => f.field === periodName)
    .map((f) => ({ op: f.op, values: f.values, v: f.values.map(String) }));
  if (own.length === 0) return releases;
  return releases.filter((r) => own.every((f) => matches(r.period, f)));
}
