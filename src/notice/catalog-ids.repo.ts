import type { Knex } from 'knex';

export interface CatalogIds {
  agencies: Set<string>;
  datasets: Set<string>;
}

/** Every agency and dataset id, in one round trip: all a warm start needs to find nothing to do. */
export async function catalogIds(knex: Knex): Promise<CatalogIds> {
  const rows = (await knex
    .select(knex.raw(`'agency' as kind`), 'id')
    .from('agencies')
    .unionAll(knex.select(knex.raw(`'dataset' as kind`), 'id').from('datasets'))) as {
    kind: 'agency' | 'dataset';
    id: string;
  }[];
  const ids: CatalogIds = { agencies: new Set(), datasets: new Set() };
  for (const r of rows) (r.kind === 'agency' ? ids.agencies : ids.datasets).add(r.id);
  return ids;
}
