import { type CheckedField, checkField } from './check-field';
import { copyExtensions, Issues, isPlainObject, rejectUnknownKeys, schemaError } from './check-issues';
import { labelColumnName } from './label-columns';
import { CODELIST_KEY } from './codelist-field';
import { MAX_FIELDS, MAX_MISSING_VALUES, MAX_SHORT_TEXT } from './limits';
import { longerThan } from './text-length';
import type { FieldDef, TableSchema } from './types';

const TOP_KEYS: ReadonlySet<string> = new Set(['fields', 'primaryKey', 'missingValues']);

/**
 * Validates a schema document completely, reporting every problem with its JSON path,
 * and returns a normalised deep copy (defaults filled, constraint values canonical,
 * primary-key fields marked required).
 */
export function checkSchemaDocument(doc: unknown): TableSchema {
  const issues = new Issues();
  if (!isPlainObject(doc)) throw schemaError([{ path: '$', message: 'Schema must be a JSON object' }]);
  rejectUnknownKeys(doc, TOP_KEYS, '$', issues);
  const fields = checkFields(doc.fields, issues);
  const primaryKey = checkPrimaryKey(doc.primaryKey, fields, issues);
  const schema: TableSchema = {
    fields: fields.flatMap((f) => (f ? [f.def] : [])),
    primaryKey,
    missingValues: checkMissingValues(doc.missingValues, issues),
  };
  copyExtensions(doc, schema, '$', issues);
  issues.throwIfAny();
  return schema;
}

function checkFields(raw: unknown, issues: Issues): (CheckedField | undefined)[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.add('$.fields', 'Must be a non-empty array of field definitions');
    return [];
  }
  if (raw.length > MAX_FIELDS) {
    // Checked no further: each field costs work, and this one issue says what to fix.
    issues.add('$.fields', `At most ${MAX_FIELDS} fields are allowed`);
    issues.throwIfAny();
  }
  const fields = raw.map((f: unknown, i) => checkField(f, `$.fields[${i}]`, issues));

  const firstIndex = new Map<string, number>();
  let periodCount = 0;
  fields.forEach((f, i) => {
    if (!f) return;
    const p = `$.fields[${i}]`;
    const unique = (key: string, suffix: string, what: string) => {
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, i);
      else issues.add(`${p}.${suffix}`, `Duplicate ${what}; already used by $.fields[${first}]`);
    };
    if (f.nameOk) unique(`name:${f.def.name}`, 'name', 'field name');
    if (f.def.graphqlName) unique(`gql:${f.def.graphqlName}`, 'graphqlName', 'graphqlName');
    // Upload headers may be titles instead of names, so titles must identify one field.
    if (f.def.title.zh) unique(`zh:${f.def.title.zh.trim()}`, 'title.zh', 'Chinese title');
    if (f.def.title.en) unique(`en:${f.def.title.en.trim()}`, 'title.en', 'English title');
    if (f.typeOk && f.def.type === 'period' && ++periodCount > 1) {
      issues.add(`${p}.type`, 'A schema has exactly one period field');
    }
  });
  if (periodCount === 0) issues.add('$.fields', 'A schema needs exactly one field of type "period"');
  checkLabelColumnNames(fields, issues);
  return fields;
}

function checkPrimaryKey(raw: unknown, fields: (CheckedField | undefined)[], issues: Issues): string[] {
  // Frictionless allows a single-field key to be written as a bare string.
  const pk = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(pk) || pk.length === 0) {
    issues.add('$.primaryKey', 'Must be a non-empty array of field names');
    return [];
  }
  if (pk.length > MAX_FIELDS) {
    issues.add('$.primaryKey', `At most ${MAX_FIELDS} field names`);
    return [];
  }
  const byName = new Map<string, { def: FieldDef; index: number }>();
  fields.forEach((f, index) => {
    if (f && f.def.name !== '' && !byName.has(f.def.name)) byName.set(f.def.name, { def: f.def, index });
  });
  const names: string[] = [];
  for (const [k, name] of (pk as unknown[]).entries()) {
    const path = typeof raw === 'string' ? '$.primaryKey' : `$.primaryKey[${k}]`;
    const entry = typeof name === 'string' ? byName.get(name) : undefined;
    if (typeof name !== 'string') issues.add(path, 'Must be a field name');
    else if (names.includes(name)) issues.add(path, 'Duplicate primary key field');
    else if (!entry) issues.add(path, `No field named "${name}"`);
    else if (entry.def.disclosure === 'restricted')
      issues.add(path, 'Restricted fields cannot be in the primary key');
    if (typeof name !== 'string' || !entry || names.includes(name)) continue;
    names.push(name);
    normalisePrimaryKeyField(entry.def, `$.fields[${entry.index}]`, issues);
  }
  const period = fields.find((f) => f?.typeOk && f.def.type === 'period');
  if (period && !names.includes(period.def.name)) issues.add('$.primaryKey', 'Must include the period field');
  return names;
}

// A key column can never be null, so primary-key fields are required whatever the
// document says; an explicit `required: false` is a contradiction worth reporting.
function normalisePrimaryKeyField(def: FieldDef, path: string, issues: Issues): void {
  if (def.constraints?.required === false) {
    issues.add(`${path}.constraints.required`, 'Primary key fields are always required');
  }
  if (def.role !== undefined && def.role !== 'dimension') {
    issues.add(`${path}.role`, 'Primary key fields are dimensions');
  }
  def.constraints = { ...def.constraints, required: true };
}

function checkMissingValues(raw: unknown, issues: Issues): string[] {
  if (raw === undefined) return [''];
  if (!Array.isArray(raw)) {
    issues.add('$.missingValues', 'Must be an array of strings');
    return [''];
  }
  // Every uploaded cell is compared with each missing value.
  if (raw.length > MAX_MISSING_VALUES) {
    issues.add('$.missingValues', `At most ${MAX_MISSING_VALUES} missing values`);
    return [''];
  }
  const out: string[] = [];
  (raw as unknown[]).forEach((v, i) => {
    if (typeof v !== 'string') issues.add(`$.missingValues[${i}]`, 'Must be a string');
    else if (longerThan(v, MAX_SHORT_TEXT))
      issues.add(`$.missingValues[${i}]`, `At most ${MAX_SHORT_TEXT} characters`);
    else if (!out.includes(v)) out.push(v);
  });
  return out;
}

// `labels=true` adds `<field>_name_zh`/`_en` after a coded field; no real field may share those names.
function checkLabelColumnNames(fields: (CheckedField | undefined)[], issues: Issues): void {
  const index = new Map(fields.flatMap((f, i) => (f?.nameOk ? [[f.def.name, i] as const] : [])));
  for (const f of fields) {
    if (!f?.nameOk || f.def[CODELIST_KEY] === undefined) continue;
    for (const lang of ['zh', 'en'] as const) {
      const clash = index.get(labelColumnName(f.def.name, lang));
      if (clash !== undefined) {
        issues.add(`$.fields[${clash}].name`, `Reserved for the names of ${f.def.name} (labels=true)`);
      }
    }
  }
}
