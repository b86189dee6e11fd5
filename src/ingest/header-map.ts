import { ValidationError } from '../errors';
import { fieldByNameOrTitle, type TableSchema } from '../schemas';

/**
 * Maps upload columns to schema fields by field name or by Chinese/English title, as
 * clerks keep Excel's Chinese headers. Unknown, duplicate and missing columns are all
 * reported at once. The period column may be absent: the release's period fills it.
 */
export function mapHeader(schema: TableSchema, header: readonly string[]): Array<string | null> {
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<string>();
  const mapped = header.map((h) => {
    const f = fieldByNameOrTitle(schema, h);
    if (!f) {
      if (h.trim() !== '') unknown.push(h);
      return null;
    }
    if (seen.has(f.name)) duplicate.push(h);
    seen.add(f.name);
    return f.name;
  });
  const missing = schema.fields
    .filter((f) => f.type !== 'period' && f.constraints?.required && !seen.has(f.name))
    .map((f) => f.name);
  if (unknown.length > 0 || missing.length > 0 || duplicate.length > 0) {
    throw new ValidationError('invalid_header', 'The columns do not match the dataset schema', {
      unknown,
      missing,
      duplicate,
      expected: schema.fields.map((f) => ({ name: f.name, title: f.title.zh })),
    });
  }
  return mapped;
}
