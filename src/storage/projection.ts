import type { Knex } from 'knex';
import type { FieldDef } from '../schemas';

export type ProjectionKind = 'text' | 'json' | 'jsonList';

export interface ProjectionOptions {
  /** OWASP CSV-injection defence: prefix a quote to text cells that start with = + - @ or a control. */
  escapeFormulas: boolean;
}

function textExpr(knex: Knex, f: FieldDef, o: ProjectionOptions): Knex.Raw {
  if (f.type === 'boolean') return knex.raw('??::text', [f.name]);
  if (f.type === 'string' && o.escapeFormulas) {
    // ascii() of the first character: = + - @ TAB CR. Far cheaper per row than a regex.
    return knex.raw(`CASE WHEN ascii(??) IN (61, 43, 45, 64, 9, 13) THEN '''' || ?? ELSE ?? END`, [
      f.name,
      f.name,
      f.name,
    ]);
  }
  return knex.raw('??', [f.name]);
}

/**
 * Select lists for bulk output, evaluated inside PostgreSQL so COPY can stream the
 * result without Node touching each value: one column per field for CSV/TSV, or one
 * JSON object per row (numbers stay numbers, keys are the field names), or one JSON list
 * per row in field order.
 */
export function projection(
  knex: Knex,
  fields: readonly FieldDef[],
  kind: ProjectionKind,
  o: ProjectionOptions,
): Knex.Raw[] {
  if (kind === 'text') return fields.map((f) => textExpr(knex, f, o));
  if (kind === 'jsonList') {
    return [
      knex.raw(
        `json_build_array(${fields.map(() => '??').join(', ')})::text`,
        fields.map((f) => f.name),
      ),
    ];
  }
  const pairs = fields.map(() => '?::text, ??').join(', ');
  const bindings = fields.flatMap((f) => [f.name, f.name]);
  return [knex.raw(`json_build_object(${pairs})::text`, bindings)];
}
