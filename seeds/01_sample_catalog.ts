import type { Knex } from 'knex';
import { createDataset, upsertAgency, upsertInterpretation } from '../src/catalog';
import { databaseFromKnex } from '../src/db';
import { publishRelease, registerSchemaVersion } from '../src/ingest';
import { shanghaiDate } from '../src/periods';
import { SAMPLE_AGENCIES, SAMPLE_DATASETS, SAMPLE_NOTE } from './sample';

/**
 * Sample catalog: eight datasets of the notice with synthetic history. Everything
 * goes through the same services an agency's upload uses (schema version → release →
 * typed rows), so the seed also exercises the real publishing path.
 */
export async function seed(knex: Knex): Promise<void> {
  const db = databaseFromKnex(knex);
  if (await knex('datasets').first('id')) return;
  for (const agency of SAMPLE_AGENCIES) await upsertAgency(knex, agency);
  for (const sample of SAMPLE_DATASETS) {
    await createDataset(knex, sample.dataset);
    await registerSchemaVersion(db, sample.dataset.id, sample.schema, {
      allowMajor: false,
      createdBy: 'seed',
    });
    for (const release of sample.releases()) {
      const outcome = await publishRelease(db, {
        datasetId: sample.dataset.id,
        period: release.period,
        records: release.rows.map((cells, i) => ({ line: i + 2, cells })),
        createdBy: 'seed',
        note: SAMPLE_NOTE,
        publishAt: new Date(release.publishAt),
      });
      const text = sample.interpretation?.(release);
      if (outcome.kind === 'published' && text) {
        await upsertInterpretation(knex, {
          releaseId: outcome.release.id,
          agencyId: sample.dataset.agencies[0] ?? '',
          publishedOn: shanghaiDate(new Date(release.publishAt)),
          bodyZh: text.zh,
          bodyEn: text.en,
          url: null,
          createdBy: 'seed',
        });
      }
    }
  }
}
