import { Issues, isNonEmptyString, isPlainObject, rejectUnknownKeys } from './check-issues';
import { MAX_DESCRIPTION, MAX_SHORT_TEXT } from './limits';
import { RESERVED_PARAMETER_NAMES } from './field-type-rules';
import { FIELD_NAME_RE } from './names';
import { longerThan } from './text-length';
import { PERIOD_KINDS } from './types';
import type { FieldDef, FieldType, LocalizedText, PeriodKind } from './types';

const LOCALE_KEYS: ReadonlySet<string> = new Set(['zh', 'en']);

export const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

export function checkName(name: unknown, path: string, issues: Issues): boolean {
  if (typeof name !== 'string') issues.add(path, 'Field name is required and must be a string');
  else if (name.startsWith('_')) issues.add(path, 'Names starting with "_" are reserved for system columns');
  else if (!FIELD_NAME_RE.test(name)) issues.add(path, 'Must match /^[a-z][a-z0-9_]{0,62}$/');
  else if (RESERVED_PARAMETER_NAMES.has(name))
    issues.add(path, `"${name}" is a query parameter of the read API`);
  else return true;
  return false;
}

export function checkTitle(raw: unknown, path: string, issues: Issues): LocalizedText {
  const title: LocalizedText = { zh: '', en: '' };
  if (!isPlainObject(raw)) {
    issues.add(path, 'Title must be an object with non-empty "zh" and "en" strings');
    return title;
  }
  rejectUnknownKeys(raw, LOCALE_KEYS, path, issues, false);
  for (const lang of ['zh', 'en'] as const) {
    const v = raw[lang];
    if (!isNonEmptyString(v)) issues.add(`${path}.${lang}`, 'Must be a non-empty string');
    else if (longerThan(v, MAX_SHORT_TEXT))
      issues.add(`${path}.${lang}`, `At most ${MAX_SHORT_TEXT} characters`);
    else title[lang] = v;
  }
  return title;
}

export function checkDescription(
  raw: unknown,
  fieldPath: string,
  issues: Issues,
): Partial<LocalizedText> | undefined {
  const path = `${fieldPath}.description`;
  if (!isPlainObject(raw)) {
    issues.add(path, 'Description must be an object with optional "zh" and "en" strings');
    return undefined;
  }
  rejectUnknownKeys(raw, LOCALE_KEYS, path, issues, false);
  const out: Partial<LocalizedText> = {};
  for (const lang of ['zh', 'en'] as const) {
    const v = raw[lang];
    if (v === undefined) continue;
    if (typeof v !== 'string') issues.add(`${path}.${lang}`, 'Must be a string');
    else if (longerThan(v, MAX_DESCRIPTION))
      issues.add(`${path}.${lang}`, `At most ${MAX_DESCRIPTION} characters`);
    else out[lang] = v;
  }
  return out;
}

export function checkPeriodKind(
  raw: Record<string, unknown>,
  type: FieldType,
  typeOk: boolean,
  path: string,
  issues: Issues,
): PeriodKind | undefined {
  const v = raw.periodKind;
  if (typeOk && type !== 'period') {
    if (v !== undefined) issues.add(`${path}.periodKind`, 'Only period fields have a periodKind');
    return undefined;
  }
  if (v === undefined && !typeOk) return undefined;
  if (oneOf(PERIOD_KINDS, v)) return v;
  issues.add(`${path}.periodKind`, `Period fields need a periodKind: one of ${PERIOD_KINDS.join(', ')}`);
  return undefined;
}

// Only the Frictionless default (true: values are bare numbers) is accepted; honouring
// false would mean stripping currency signs and '%' — a semantic we deliberately lack.
export function checkBareNumber(
  v: unknown,
  type: FieldType,
  typeOk: boolean,
  path: string,
  issues: Issues,
  def: FieldDef,
) {
  if (typeOk && type !== 'number' && type !== 'integer') {
    issues.add(`${path}.bareNumber`, 'Only applies to number and integer fields');
  } else if (v !== true) {
    issues.add(
      `${path}.bareNumber`,
      'Only bareNumber: true is supported; remove symbols like "%" or "," from values',
    );
  } else def.bareNumber = true;
}
