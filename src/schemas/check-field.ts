import { checkConstraints } from './check-constraints';
import {
  checkBareNumber,
  checkDescription,
  checkName,
  checkPeriodKind,
  checkTitle,
  oneOf,
} from './check-field-parts';
import {
  cloneJson,
  copyExtensions,
  Issues,
  isNonEmptyString,
  isPlainObject,
  rejectUnknownKeys,
} from './check-issues';
import { checkCodeListReference, CODELIST_KEY } from './codelist-field';
import { RESERVED_EXTENSION_KEYS } from './document';
import { MAX_SHORT_TEXT } from './limits';
import { longerThan } from './text-length';
import { keyPath, GRAPHQL_NAME_RE } from './names';
import { FIELD_TYPES } from './types';
import type { FieldDef, FieldType } from './types';

const FIELD_KEYS: ReadonlySet<string> = new Set([
  'name',
  'type',
  'title',
  'description',
  'unit',
  'constraints',
  'disclosure',
  'periodKind',
  'role',
  'graphqlName',
  'bareNumber',
  // Standard Frictionless field properties we keep verbatim but do not interpret.
  'format',
  'example',
  'rdfType',
]);
const ROLES = ['dimension', 'measure', 'attribute'] as const;
const DISCLOSURES = ['public', 'restricted'] as const;

export interface CheckedField {
  /** Normalised field; `name`/`type` may be invalid (already reported) when the flags say so. */
  def: FieldDef;
  nameOk: boolean;
  typeOk: boolean;
}

export function checkField(raw: unknown, path: string, issues: Issues): CheckedField | undefined {
  if (!isPlainObject(raw)) {
    issues.add(path, 'Field must be an object');
    return undefined;
  }
  rejectUnknownKeys(raw, FIELD_KEYS, path, issues);
  for (const key of Object.keys(raw).filter((k) => RESERVED_EXTENSION_KEYS.has(k))) {
    issues.add(keyPath(path, key), `"${key}" is reserved for the published schema`);
  }
  const nameOk = checkName(raw.name, `${path}.name`, issues);
  const typeOk = oneOf(FIELD_TYPES, raw.type);
  if (!typeOk) issues.add(`${path}.type`, `Must be one of: ${FIELD_TYPES.join(', ')}`);
  const type = (typeOk ? raw.type : 'string') as FieldType;

  const def: FieldDef = {
    name: typeof raw.name === 'string' ? raw.name : '',
    type,
    title: checkTitle(raw.title, `${path}.title`, issues),
  };
  if (raw.description !== undefined) def.description = checkDescription(raw.description, path, issues);
  def.unit = optionalText(raw, 'unit', path, issues);

  const periodKind = checkPeriodKind(raw, type, typeOk, path, issues);
  if (periodKind) def.periodKind = periodKind;
  // Value checks need a trustworthy type, and for periods a trustworthy kind too.
  const typed = typeOk && (type !== 'period' || periodKind !== undefined);
  if (raw.constraints !== undefined) {
    const constraints = checkConstraints(
      raw.constraints,
      typed ? def : undefined,
      `${path}.constraints`,
      issues,
    );
    if (constraints) def.constraints = constraints;
  }

  if (raw.disclosure !== undefined && !oneOf(DISCLOSURES, raw.disclosure)) {
    issues.add(`${path}.disclosure`, 'Must be "public" or "restricted"');
  } else def.disclosure = raw.disclosure ?? 'public';

  if (raw.role !== undefined) {
    if (!oneOf(ROLES, raw.role)) issues.add(`${path}.role`, `Must be one of: ${ROLES.join(', ')}`);
    else if (raw.role === 'measure' && typeOk && type !== 'integer' && type !== 'number') {
      issues.add(`${path}.role`, 'Only integer and number fields can be measures');
    } else def.role = raw.role;
  }
  if (raw.graphqlName !== undefined) {
    const ok = typeof raw.graphqlName === 'string' && GRAPHQL_NAME_RE.test(raw.graphqlName);
    if (ok) def.graphqlName = raw.graphqlName as string;
    else issues.add(`${path}.graphqlName`, 'Must match /^[a-z][A-Za-z0-9]*$/');
  }
  if (raw.bareNumber !== undefined) checkBareNumber(raw.bareNumber, type, typeOk, path, issues, def);
  def.format = optionalText(raw, 'format', path, issues);
  if (raw.example !== undefined) def.example = cloneJson(raw.example, `${path}.example`, issues);
  def.rdfType = optionalText(raw, 'rdfType', path, issues);
  copyExtensions(raw, def, path, issues);
  if (raw[CODELIST_KEY] !== undefined && typed) checkCodeListReference(raw[CODELIST_KEY], def, path, issues);
  // Drop keys left undefined above so the normalised copy has no `key: undefined` noise.
  for (const key of Object.keys(def) as (keyof FieldDef)[]) if (def[key] === undefined) delete def[key];
  return { def, nameOk, typeOk };
}

function optionalText(raw: Record<string, unknown>, key: string, path: string, issues: Issues) {
  const v = raw[key];
  if (v === undefined) return v;
  if (!isNonEmptyString(v)) issues.add(`${path}.${key}`, 'Must be a non-empty string');
  else if (longerThan(v, MAX_SHORT_TEXT))
    issues.add(`${path}.${key}`, `At most ${MAX_SHORT_TEXT} characters`);
  else return v;
  return undefined;
}
