import type { PeriodKind } from '../periods';

export type { PeriodKind };
export { PERIOD_KINDS } from '../periods';

export type FieldType =
  'string' | 'integer' | 'number' | 'boolean' | 'date' | 'year' | 'yearmonth' | 'period';

export const FIELD_TYPES: readonly FieldType[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'year',
  'yearmonth',
  'period',
];

export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * Constraint values are stored in canonical form by checkSchemaDocument (integers and
 * years as numbers, dates/yearmonths/periods as canonical text) so that casting can
 * compare them against canonical cell values directly.
 */
export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number | string;
  maximum?: number | string;
  enum?: (string | number)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export type Disclosure = 'public' | 'restricted';
export type FieldRole = 'dimension' | 'measure' | 'attribute';

/** Extension keys ('x-…') are opaque to us but kept so publishers can annotate freely. */
export type ExtensionKey = `x-${string}`;

export interface FieldDef {
  name: string;
  type: FieldType;
  title: LocalizedText;
  description?: Partial<LocalizedText>;
  unit?: string;
  constraints?: FieldConstraints;
  disclosure?: Disclosure;
  periodKind?: PeriodKind;
  role?: FieldRole;
  graphqlName?: string;
  /** Only `true` (the Frictionless default) is accepted: we never strip '%' or ','. */
  bareNumber?: boolean;
  /** Frictionless metadata kept verbatim; casting does not interpret `format`. */
  format?: string;
  example?: unknown;
  rdfType?: string;
  [key: ExtensionKey]: unknown;
}

export interface TableSchema {
  fields: FieldDef[];
  primaryKey: string[];
  missingValues?: string[];
  [key: ExtensionKey]: unknown;
}

export type ChangeLevel = 'MAJOR' | 'MINOR' | 'PATCH';

export interface SchemaChangeItem {
  level: ChangeLevel;
  path: string;
  description: string;
}

export interface SchemaChange {
  level: ChangeLevel;
  changes: SchemaChangeItem[];
}

export type CellValue = string | number | boolean | null;

export type CastRule =
  'required' | 'type' | 'range' | 'minimum' | 'maximum' | 'enum' | 'pattern' | 'minLength' | 'maxLength';

export type CastResult = { ok: true; value: CellValue } | { ok: false; rule: CastRule; message: string };

export interface SchemaIssue {
  path: string;
  message: string;
}
