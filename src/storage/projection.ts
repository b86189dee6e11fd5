import type { Knex } from 'knex';
import { isLabelColumn, type FieldDef, type LabelColumn } from '../schemas';

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

/** A code's name looked up inside the statement: the list is a dozen codes, a CASE is cheapest. */
function labelExpr(knex: Knex, c: LabelColumn): Knex.Raw {
  const pairs = [...c.names];
  if (pairs.length === 0) return knex.raw('NULL::text');
  const whens = pairs.map(() => 'WHEN ? THEN ?').join(' ');
  return knex.raw(`(CASE ?? ${whens} END)::text`, [c.field, ...pairs.flat()]);
}

type Column = FieldDef | LabelColumn;

const valueExpr = (knex: Knex, c: Column): Knex.Raw =>
  isLabelColumn(c) ? labelExpr(knex, c) : knex.raw('??', [c.name]);

/**
 * Select lists for bulk output, evaluated inside PostgreSQL so COPY can stream the
 * result without Node touching each value: one column per field for CSV/TSV, or one
 * JSON object per row (numbers stay numbers, keys are the field names), or one JSON list
 * per row in field order. Name columns (`labels=true`) sit among them like fields.
 */
export function projection(
  knex: Knex,
  columns: readonly Column[],
  kind: ProjectionKind,
  o: ProjectionOptions,
): Knex.Raw[] {
  if (kind === 'text')
    return columns.map((c) => (isLabelColumn(c) ? labelExpr(knex, c) : textExpr(knex, c, o)));
  if (kind === 'jsonList') {
    return [
      knex.raw(
        `json_build_array(${columns.map(() => '?').join(', ')})::text`,
        columns.map((c) => valueExpr(knex, c)),
      ),
    ];
  }
  const pairs = columns.map(() => '?::text, ?').join(', ');
  const bindings = columns.flatMap((c) => [c.name, valueExpr(knex, c)]);
  return [knex.raw(`json_build_object(${pairs})::text`, bindings)];
}
