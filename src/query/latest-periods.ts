import { ValidationError } from '../errors';
import type { ReleaseScope } from './release-scope';
import type { RawFilter } from './spec';

/** `period=latest` or `latest-3`: the newest period(s) that the read can see. */
const LATEST = /^latest(?:-(\d{1,4}))?$/;
export const MAX_LATEST = 1000;

/**
 * Resolves `latest` and `latest-n` on the period field into the newest n periods of the
 * release scope, so "the latest week" means the same on every read path and for every
 * `asOf`: the newest period published by then, never one still under embargo.
 */
export function resolveLatest(filters: RawFilter[], scope: ReleaseScope, periodName: string): RawFilter[] {
  if (!filters.some((f) => f.field === periodName && LATEST.test(f.value))) return filters;
  const periods = [...new Set(scope.releases.map((r) => r.period))].sort().reverse();
  return filters.flatMap((f) => {
    const m = f.field === periodName && f.op === 'eq' ? LATEST.exec(f.value) : null;
    if (!m) return [f];
    const n = m[1] === undefined ? 1 : Number(m[1]);
    if (n < 1 || n > MAX_LATEST) {
      throw new ValidationError('invalid_filter_value', `latest-n takes n from 1 to ${MAX_LATEST}`, {
        field: periodName,
        parameter: f.parameter ?? periodName,
        value: f.value,
      });
    }
    // With no release in scope there are no rows to narrow down.
    return periods.length === 0 ? [] : [{ ...f, op: 'in', value: periods.slice(0, n).join(',') }];
  });
}
