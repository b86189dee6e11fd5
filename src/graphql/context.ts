import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Database } from '../db';
import {
  currentSchemaVersions,
  datasetSnapshot,
  searchDatasets,
  type DatasetSnapshot,
  type DatasetSummary,
  type SchemaVersion,
} from '../catalog';

/** Per request: one clock reading (so every field sees the same embargo state) and batch loaders. */
export interface GraphQLContext {
  knex: Knex;
  /** The same database, for the direct read path of row queries. */
  db: Database;
  now: Date;
  loaders: Loaders;
  /** Non-fatal notes for `extensions.warnings`, e.g. a truncated aggregate. */
  warnings: string[];
}

export interface Loaders {
  /** Current schema version per dataset, one query for a whole page of datasets. */
  currentSchema: DataLoader<string, SchemaVersion | null>;
  /** Versions and releases (embargoed included; callers filter) from the shared snapshot cache. */
  snapshot: DataLoader<string, DatasetSnapshot>;
  /** The whole catalog, loaded at most once per request (agency → datasets). */
  allDatasets: () => Promise<DatasetSummary[]>;
}

const PAGE = 500;

export async function listAllDatasets(knex: Knex, now: Date): Promise<DatasetSummary[]> {
  const out: DatasetSummary[] = [];
  for (;;) {
    const { items, total } = await searchDatasets(knex, { limit: PAGE, offset: out.length }, now);
    out.push(...items);
    if (items.length === 0 || out.length >= total) return out;
  }
}

export function createContext(db: Database, now: Date): GraphQLContext {
  const { knex } = db;
  let all: Promise<DatasetSummary[]> | undefined;
  return {
    knex,
    db,
    now,
    warnings: [],
    loaders: {
      currentSchema: new DataLoader(async (ids) => {
        const found = await currentSchemaVersions(knex, [...ids]);
        return ids.map((id) => found.get(id) ?? null);
      }),
      // The snapshot cache already coalesces and reuses loads across requests; the loader
      // only removes duplicates within one request.
      snapshot: new DataLoader((ids) => Promise.all(ids.map((id) => datasetSnapshot(knex, id)))),
      allDatasets: () => (all ??= listAllDatasets(knex, now)),
    },
  };
}
