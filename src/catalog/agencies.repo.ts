import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { longerThan } from '../schemas';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from './limits';
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

const AGENCY_ID = /^[a-z][a-z0-9-]{1,48}$/;

/** Validates and stores (or updates) an agency; every problem is reported with its path. */
export async function createAgency(knex: Knex, agency: Agency): Promise<Agency> {
  const issues: { path: string; message: string }[] = [];
  if (!AGENCY_ID.test(agency.id)) issues.push({ path: '$.id', message: 'must match ^[a-z][a-z0-9-]{1,48}$' });
  for (const lang of ['zh', 'en'] as const) {
    const name = agency.name[lang];
    if (typeof name !== 'string' || !name.trim())
      issues.push({ path: `$.name.${lang}`, message: 'required' });
    else if (longerThan(name, MAX_NAME_LENGTH))
      issues.push({ path: `$.name.${lang}`, message: `at most ${MAX_NAME_LENGTH} characters` });
  }
  if (agency.homepage !== null && typeof agency.homepage !== 'string')
    issues.push({ path: '$.homepage', message: 'must be a URL or null' });
  else if (agency.homepage !== null && longerThan(agency.homepage, MAX_TEXT_LENGTH))
    issues.push({ path: '$.homepage', message: `at most ${MAX_TEXT_LENGTH} characters` });
  if (issues.length > 0) throw new ValidationError('invalid_agency', 'The agency is invalid', issues);
  await upsertAgency(knex, agency);
  return agency;
}
