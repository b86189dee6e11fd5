import type { Knex } from 'knex';
import type { Agency } from './types';

interface AgencyRow {
  id: string;
  name_zh: string;
  name_en: string;
  homepage: string | null;
}

export const toAgency = (r: AgencyRow): Agency => ({
  id: r.id,
  name: { zh: r.name_zh, en: r.name_en },
  homepage: r.homepage,
});

export async function listAgencies(knex: Knex): Promise<Agency[]> {
  const rows = await knex<AgencyRow>('agencies').select('id', 'name_zh', 'name_en', 'homepage').orderBy('id');
  return rows.map(toAgency);
}

export async function findAgency(knex: Knex, id: string): Promise<Agency | undefined> {
  const row = await knex<AgencyRow>('agencies').where({ id }).first('id', 'name_zh', 'name_en', 'homepage');
  return row ? toAgency(row) : undefined;
}

export async function upsertAgency(knex: Knex, agency: Agency): Promise<void> {
  await knex('agencies')
    .insert({ id: agency.id, name_zh: agency.name.zh, name_en: agency.name.en, homepage: agency.homepage })
    .onConflict('id')
    .merge(['name_zh', 'name_en', 'homepage']);
}
