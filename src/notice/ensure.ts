import { createDataset, findAgency, getDataset, invalidateDatasetSnapshot, upsertAgency } from '../catalog';
import { withDatabaseTransaction, type Database } from '../db';
import { ConflictError } from '../errors';
import { registerSchemaVersion } from '../ingest';
import { NOTICE_AGENCIES } from './agencies';
import { catalogIds } from './catalog-ids.repo';
import { NOTICE_DATASETS } from './datasets';
import type { NoticeDataset } from './types';

export interface EnsureResult {
  agenciesCreated: string[];
  datasetsCreated: string[];
}

/**
 * Makes sure every agency and dataset of the notice exists, so a production database
 * (SEED_ON_START=false) carries the whole catalogue with no sample data. Only what is
 * missing is created; an existing agency or dataset is never touched, whatever its
 * state (an operator may have renamed it, evolved its schema or marked it 废止).
 */
export async function ensureNoticeCatalog(db: Database): Promise<EnsureResult> {
  const existing = await catalogIds(db.knex);
  const result: EnsureResult = { agenciesCreated: [], datasetsCreated: [] };
  for (const agency of NOTICE_AGENCIES) {
    if (existing.agencies.has(agency.id)) continue;
    // Re-checked right before writing: upsertAgency would otherwise overwrite a concurrent edit.
    if (await findAgency(db.knex, agency.id)) continue;
    await upsertAgency(db.knex, agency);
    result.agenciesCreated.push(agency.id);
  }
  for (const item of NOTICE_DATASETS) {
    if (existing.datasets.has(item.dataset.id)) continue;
    if (await createWithSchema(db, item)) result.datasetsCreated.push(item.dataset.id);
  }
  return result;
}

/**
 * Dataset and schema version 1 in one transaction: a crash in between would otherwise
 * leave a dataset without a schema that no later start would repair. Another instance
 * starting at the same moment may win the race; its dataset is then left as it is.
 */
async function createWithSchema(db: Database, { dataset, schema }: NoticeDataset): Promise<boolean> {
  try {
    await withDatabaseTransaction(db, async (tx) => {
      await createDataset(tx.knex, dataset);
      await registerSchemaVersion(tx, dataset.id, structuredClone(schema), {
        allowMajor: false,
        createdBy: 'notice-catalog',
      });
    });
  } catch (err) {
    if (err instanceof ConflictError && (await getDataset(db.knex, dataset.id).catch(() => undefined))) {
      return false;
    }
    throw err;
  } finally {
    invalidateDatasetSnapshot(db.knex, dataset.id);
  }
  return true;
}
