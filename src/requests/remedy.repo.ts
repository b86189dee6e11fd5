import type { Knex } from 'knex';

export interface RemedyTemplate {
  /** 'default', or the id of the agency whose answers use it. */
  key: string;
  text: string;
  updatedAt: Date;
  updatedBy: string;
}

export const DEFAULT_REMEDY_KEY = 'default';

function toTemplate(r: { key: string; text: string; updated_at: Date; updated_by: string }): RemedyTemplate {
  return { key: r.key, text: r.text, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by };
}

export async function listRemedyTemplates(knex: Knex): Promise<RemedyTemplate[]> {
  const rows = await knex('request_remedy_templates').orderBy('key').select('*');
  return rows.map(toTemplate);
}

/** The agency's own template, else the default one. */
export async function remedyTemplateFor(knex: Knex, agencyId: string): Promise<RemedyTemplate | undefined> {
  const rows = await knex('request_remedy_templates')
    .whereIn('key', [agencyId, DEFAULT_REMEDY_KEY])
    .select('*');
  const own = rows.find((r: { key: string }) => r.key === agencyId);
  const chosen = own ?? rows.find((r: { key: string }) => r.key === DEFAULT_REMEDY_KEY);
  return chosen ? toTemplate(chosen) : undefined;
}

export async function upsertRemedyTemplate(
  knex: Knex,
  t: { key: string; text: string; updatedBy: string },
): Promise<RemedyTemplate> {
  const [row] = await knex('request_remedy_templates')
    .insert({ key: t.key, text: t.text, updated_by: t.updatedBy, updated_at: knex.fn.now() })
    .onConflict('key')
    .merge(['text', 'updated_by', 'updated_at'])
    .returning('*');
  return toTemplate(row);
}
