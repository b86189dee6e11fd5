import { fieldRole, publicFields } from './access';
import { isExtensionKey } from './check-issues';
import { codeLabel, codeListOf } from './codelist-field';
import type { FieldDef, TableSchema } from './types';

/**
 * Extension keys we emit in the public document; publishers may not use them themselves
 * (checkSchemaDocument rejects them) so the published meaning is always ours.
 */
export const RESERVED_EXTENSION_KEYS: ReadonlySet<string> = new Set([
  'x-title-en',
  'x-description-en',
  'x-unit',
  'x-role',
  'x-type',
  'x-period-kind',
  'x-graphql-name',
  'x-constraints',
]);

/**
 * Public Frictionless Table Schema for a version (with `includeRestricted`, the editing
 * view for the agency responsible, which alone may see its restricted fields). Frictionless wants plain strings and
 * its own type vocabulary, so:
 *  - restricted fields are omitted entirely (negative list), `disclosure` is dropped;
 *  - `title`/`description` carry the Chinese text; English goes to `x-title-en` /
 *    `x-description-en`;
 *  - `unit` → `x-unit`, `graphqlName` → `x-graphql-name`, effective role → `x-role`;
 *  - a `period` field is published as type "string" with `x-type: "period"` and
 *    `x-period-kind`; its minimum/maximum (not valid on strings) move to `x-constraints`;
 *  - format/example/rdfType/bareNumber and publisher `x-` keys are passed through;
 *  - a field with `x-codelist` also gets Table Schema v2 `categories`: each allowed code
 *    with its Chinese `label` and its English in `x-label-en`, so a reader of the schema
 *    alone knows that 140100 is 太原市 / Taiyuan.
 */
export function tableSchemaDocument(
  schema: TableSchema,
  options: { includeRestricted?: boolean } = {},
): object {
  // The responsible agency edits its whole schema: its restricted fields come back marked.
  const fields = options.includeRestricted
    ? schema.fields.map((f) =>
        f.disclosure === 'restricted'
          ? { ...fieldDocument(schema, f), disclosure: 'restricted' }
          : fieldDocument(schema, f),
      )
    : publicFields(schema).map((f) => fieldDocument(schema, f));
  const doc: Record<string, unknown> = {
    fields,
    primaryKey: [...schema.primaryKey],
    missingValues: [...(schema.missingValues ?? [''])],
  };
  copyExtensionKeys(schema, doc);
  return doc;
}

function fieldDocument(schema: TableSchema, f: FieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: f.name,
    type: f.type === 'period' ? 'string' : f.type,
    title: f.title.zh,
    'x-title-en': f.title.en,
  };
  if (f.description?.zh !== undefined) out.description = f.description.zh;
  if (f.description?.en !== undefined) out['x-description-en'] = f.description.en;
  if (f.format !== undefined) out.format = f.format;
  if (f.example !== undefined) out.example = structuredClone(f.example);
  if (f.rdfType !== undefined) out.rdfType = f.rdfType;
  if (f.bareNumber !== undefined) out.bareNumber = f.bareNumber;
  if (f.constraints !== undefined) {
    const { minimum, maximum, ...rest } = structuredClone(f.constraints);
    const bounds = { ...(minimum !== undefined && { minimum }), ...(maximum !== undefined && { maximum }) };
    const outOfBand = f.type === 'period' && Object.keys(bounds).length > 0;
    out.constraints = outOfBand ? rest : { ...rest, ...bounds };
    if (outOfBand) out['x-constraints'] = bounds;
  }
  const categories = categoriesOf(f);
  if (categories) out.categories = categories;
  if (f.type === 'period') {
    out['x-type'] = 'period';
    out['x-period-kind'] = f.periodKind;
  }
  if (f.unit !== undefined) out['x-unit'] = f.unit;
  if (f.graphqlName !== undefined) out['x-graphql-name'] = f.graphqlName;
  out['x-role'] = fieldRole(schema, f);
  copyExtensionKeys(f, out);
  return out;
}

function categoriesOf(f: FieldDef): Record<string, string>[] | undefined {
  if (!codeListOf(f) || !f.constraints?.enum) return undefined;
  return f.constraints.enum.map((v) => {
    const name = codeLabel(f, String(v));
    return { value: String(v), label: name?.zh ?? String(v), 'x-label-en': name?.en ?? String(v) };
  });
}

function copyExtensionKeys(from: object, to: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    if (isExtensionKey(key) && !RESERVED_EXTENSION_KEYS.has(key)) to[key] = structuredClone(value);
  }
}
