import type { Issues } from './check-issues';
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
    else if (compiles(pattern)) out.pattern = pattern;
    else issues.add(`${path}.pattern`, 'Not a valid regular expression (JavaScript syntax, "u" flag)');
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

// The bare pattern must compile on its own: a fragment like 'a)|(?:b' only compiles once
// wrapped, and would then silently defeat the full-match anchoring.
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}
