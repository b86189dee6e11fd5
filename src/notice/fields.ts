import type { FieldConstraints, FieldDef, FieldRole, LocalizedText, PeriodKind } from '../schemas';
import { GB2260 } from '../codelists';
import { CITY_CODES, REGION_CODES } from './regions';

/**
 * Builders for the field shapes the notice's datasets share, so that "city code" or
 * "unified social credit code" means exactly the same thing in every schema.
 */

type Title = readonly [zh: string, en: string];

export interface FieldOptions {
  description?: LocalizedText;
  required?: boolean;
  role?: FieldRole;
  disclosure?: 'public' | 'restricted';
  constraints?: Omit<FieldConstraints, 'required'>;
}

function field(name: string, type: FieldDef['type'], [zh, en]: Title, o: FieldOptions, unit?: string) {
  const constraints: FieldConstraints = { ...(o.required && { required: true }), ...o.constraints };
  const def: FieldDef = { name, type, title: { zh, en } };
  if (o.description) def.description = o.description;
  if (unit) def.unit = unit;
  if (Object.keys(constraints).length > 0) def.constraints = constraints;
  if (o.disclosure) def.disclosure = o.disclosure;
  if (o.role) def.role = o.role;
  return def;
}

export function periodField(kind: PeriodKind, title: LocalizedText): FieldDef {
  return {
    name: 'period',
    type: 'period',
    periodKind: kind,
    title,
    constraints: { required: true },
    role: 'dimension',
  };
}

/** Free or constrained text; a closed `enum` makes it a category (dimension) unless told otherwise. */
export function textField(name: string, title: Title, o: FieldOptions = {}): FieldDef {
  return field(name, 'string', title, o);
}

/** A closed list of categories, e.g. 合格/不合格. */
export function enumField(name: string, title: Title, values: readonly string[], o: FieldOptions = {}) {
  return field(name, 'string', title, {
    role: 'dimension',
    required: true,
    ...o,
    constraints: { ...o.constraints, enum: [...values] },
  });
}

/** A non-negative quantity with a unit. */
export function amountField(name: string, title: Title, unit: string, o: FieldOptions = {}): FieldDef {
  return field(
    name,
    'number',
    title,
    { role: 'measure', ...o, constraints: { minimum: 0, ...o.constraints } },
    unit,
  );
}

/** A whole count (households, parcels, people) with a unit. */
export function countField(name: string, title: Title, unit: string, o: FieldOptions = {}): FieldDef {
  return field(
    name,
    'integer',
    title,
    { role: 'measure', ...o, constraints: { minimum: 0, ...o.constraints } },
    unit,
  );
}

/** A rate or growth in percent; growth can be negative, so no minimum. */
export function percentField(name: string, title: Title, o: FieldOptions = {}): FieldDef {
  return field(name, 'number', title, { role: 'attribute', ...o }, '%');
}

export function dateField(name: string, title: Title, o: FieldOptions = {}): FieldDef {
  return field(name, 'date', title, { role: 'attribute', ...o });
}

export function booleanField(name: string, title: Title, o: FieldOptions = {}): FieldDef {
  return field(name, 'boolean', title, { role: 'dimension', ...o });
}

const DIVISION_PATTERN = '^14\\d{4}$';

export function cityField(
  name = 'city',
  title: LocalizedText = { zh: '城市代码', en: 'City code' },
): FieldDef {
  return {
    name,
    type: 'string',
    title,
    description: {
      zh: '设区的市的行政区划代码（GB/T 2260），如 140100 = 太原市',
      en: 'GB/T 2260 code of the prefecture-level city, e.g. 140100 = Taiyuan',
    },
    constraints: { required: true, pattern: DIVISION_PATTERN, enum: [...CITY_CODES] },
    role: 'dimension',
    'x-codelist': GB2260.name,
  };
}

export function regionField(): FieldDef {
  return {
    name: 'region',
    type: 'string',
    title: { zh: '地区代码', en: 'Region code' },
    description: {
      zh: '行政区划代码（GB/T 2260）：140000 = 全省（含省本级），其余为设区的市',
      en: 'GB/T 2260 code: 140000 = whole province (including the provincial level), otherwise a city',
    },
    constraints: { required: true, pattern: DIVISION_PATTERN, enum: [...REGION_CODES] },
    role: 'dimension',
    'x-codelist': GB2260.name,
  };
}

/** County-level division (县、县级市、市辖区); the list changes too often for an enum. */
export function countyField(name = 'county', title: Title = ['县（市、区）代码', 'County code']): FieldDef {
  return field(name, 'string', title, {
    required: true,
    role: 'dimension',
    description: {
      zh: '县级行政区划代码（GB/T 2260），如 140105 = 太原市小店区',
      en: 'GB/T 2260 code of the county-level division, e.g. 140105 = Xiaodian District, Taiyuan',
    },
    // Not xx00 (a city's own code). No lookahead: patterns run on RE2 (src/schemas/pattern.ts).
    constraints: { pattern: '^14\\d{2}(?:0[1-9]|[1-9]\\d)$' },
  });
}

/** 统一社会信用代码 (GB 32100-2015) of an enterprise or public body: public by law. */
export function creditCodeField(
  name = 'credit_code',
  title: Title = ['统一社会信用代码', 'Unified social credit code'],
  o: FieldOptions = {},
): FieldDef {
  return field(name, 'string', title, {
    required: true,
    role: 'dimension',
    ...o,
    constraints: { pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', ...o.constraints },
  });
}

/** A link to the full text published elsewhere (a notice, a reply, a report). */
export function urlField(name: string, title: Title, o: FieldOptions = {}): FieldDef {
  return field(name, 'string', title, {
    role: 'attribute',
    ...o,
    constraints: { pattern: '^https?://\\S+$', ...o.constraints },
  });
}
