import type { Knex } from 'knex';
import { findSchemaVersion, refreshSearchText } from '../src/catalog';

/**
 * Data only: every dataset's search vector rebuilt with weights (title, then tags and
 * themes, then descriptions and agencies, then fields and their code-list values), so
 * search ranks by relevance. Safe to run twice: it writes what the current code computes.
 */
export async function up(knex: Knex): Promise<void> {
  const datasets = (await knex('datasets').select('id', 'current_version')) as Array<{
    id: string;
    current_version: number | null;
  }>;
  for (const d of datasets) {
    const version =
      d.current_version === null ? undefined : await findSchemaVersion(knex, d.id, d.current_version);
    await refreshSearchText(knex, d.id, version?.schema);
  }
}

export async function down(): Promise<void> {
  // The unweighted vectors carried nothing the weighted ones lack.
}
