import { castConstraintValue, compareValues, type ConstraintValue } from './constraint-values';
import type { ChangeLevel, FieldConstraints, FieldDef } from './types';

export type Emit = (level: ChangeLevel, suffix: string, description: string) => void;

/**
 * Tightening (fewer values valid) breaks existing uploads and consumer assumptions:
 * MAJOR. Loosening only admits new values: MINOR. `prev`/`next` share one type here;
 * the caller reports a type change instead of comparing constraints across types.
 */
export function compareConstraints(prev: FieldDef, next: FieldDef, emit: Emit): void {
  const a: FieldConstraints = prev.constraints ?? {};
  const b: FieldConstraints = next.constraints ?? {};
  for (const key of ['required', 'unique'] as const) {
    const was = a[key] === true;
    const is = b[key] === true;
    if (!was && is) emit('MAJOR', `.constraints.${key}`, `${key} added`);
    if (was && !is) emit('MINOR', `.constraints.${key}`, `${key} removed`);
  }
  const canon = (field: FieldDef, v: unknown): ConstraintValue | undefined => {
    if (v === undefined) return undefined;
    const r = castConstraintValue(field, v);
    return r.ok ? r.value : String(v);
  };
  const cmp = (x: ConstraintValue, y: ConstraintValue) => compareValues(next.type, x, y);
  bound('minimum', canon(prev, a.minimum), canon(next, b.minimum), 1, cmp, emit);
  bound('maximum', canon(prev, a.maximum), canon(next, b.maximum), -1, cmp, emit);
  const num = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);
  bound('minLength', a.minLength, b.minLength, 1, num, emit);
  bound('maxLength', a.maxLength, b.maxLength, -1, num, emit);

  if (a.pattern !== b.pattern) {
    if (b.pattern === undefined) emit('MINOR', '.constraints.pattern', 'pattern removed');
    else emit('MAJOR', '.constraints.pattern', a.pattern === undefined ? 'pattern added' : 'pattern changed');
  }

  if (a.enum === undefined && b.enum !== undefined) emit('MAJOR', '.constraints.enum', 'enum added');
  if (a.enum !== undefined && b.enum === undefined) emit('MINOR', '.constraints.enum', 'enum removed');
  if (a.enum !== undefined && b.enum !== undefined) {
    const before = a.enum.map((v) => canon(prev, v) ?? v);
    const after = b.enum.map((v) => canon(next, v) ?? v);
    const missing = (xs: ConstraintValue[], ys: ConstraintValue[]) =>
      xs.filter((x) => !ys.some((y) => cmp(x, y) === 0));
    const removed = missing(before, after);
    const added = missing(after, before);
    if (removed.length > 0) emit('MAJOR', '.constraints.enum', `enum values removed: ${removed.join(', ')}`);
    if (added.length > 0) emit('MINOR', '.constraints.enum', `enum values added: ${added.join(', ')}`);
  }
}

/** `tighter` is the sign of (next − prev) that shrinks the valid range. */
function bound<T>(
  key: string,
  was: T | undefined,
  is: T | undefined,
  tighter: 1 | -1,
  cmp: (x: T, y: T) => number,
  emit: Emit,
): void {
  const suffix = `.constraints.${key}`;
  if (was === undefined && is === undefined) return;
  if (was === undefined) return emit('MAJOR', suffix, `${key} added (${String(is)})`);
  if (is === undefined) return emit('MINOR', suffix, `${key} removed (was ${String(was)})`);
  const sign = Math.sign(cmp(is, was));
  if (sign === 0) return;
  const moved = `${key} changed from ${String(was)} to ${String(is)}`;
  emit(sign === tighter ? 'MAJOR' : 'MINOR', suffix, moved);
}
