import type { Issues } from './check-issues';
import { MAX_PATTERN_LENGTH } from './limits';
import { compilePattern } from './pattern';
import type { FieldConstraints, FieldDef } from './types';

/** pattern/minLength/maxLength: Table Schema defines them for strings only. */
export function checkStringRules(
  raw: Record<string, unknown>,
  field: FieldDef | undefined,
  path: string,
  issues: Issues,
  out: FieldConstraints,
): void {
  const applicable = !field || field.type === 'string';
  for (const key of ['pattern', 'minLength', 'maxLength'] as const) {
    if (raw[key] !== undefined && !applicable)
      issues.add(`${path}.${key}`, `Not applicable to ${field?.type} fields`);
  }
  if (!applicable) return;
  const pattern = raw.pattern;
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') issues.add(`${path}.pattern`, 'Must be a string');
    else if (pattern.length > MAX_PATTERN_LENGTH)
      issues.add(`${path}.pattern`, `At most ${MAX_PATTERN_LENGTH} characters`);
    else {
      const compiled = compilePattern(pattern);
      if (compiled.ok) out.pattern = pattern;
      else issues.add(`${path}.pattern`, compiled.reason);
    }
  }
  for (const key of ['minLength', 'maxLength'] as const) {
    const n = raw[key];
    if (n === undefined) continue;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) out[key] = n;
    else issues.add(`${path}.${key}`, 'Must be a non-negative integer');
  }
  if (out.minLength !== undefined && out.maxLength !== undefined && out.minLength > out.maxLength) {
    issues.add(`${path}.minLength`, 'minLength is greater than maxLength');
  }
}
