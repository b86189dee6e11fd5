import type { Knex } from 'knex';
import { groupBy } from './group-by';
import type { SchemaChangeItem, TableSchema } from '../schemas';

export type VersionChangeLevel = 'INITIAL' | 'MAJOR' | 'MINOR' | 'PATCH';

export interface SchemaVersion {
  id: number;
  datasetId: string;
  version: number;
  semver: string;
  changeLevel: VersionChangeLevel;
  changes: SchemaChangeItem[];
  schema: TableSchema;
  storageTable: string;
  createdBy: string;
  createdAt: string;
}

interface SchemaVersionRow {
  id: number;
  dataset_id: string;
  version: number;
  semver: string;
  change_level: VersionChangeLevel;
  changes: SchemaChangeItem[];
  schema: TableSchema;
  storage_table: string;
  created_by: string;
  created_at: Date;
}

const toVersion = (r: SchemaVersionRow): SchemaVersion => ({
  id: r.id,
  datasetId: r.dataset_id,
  version: r.version,
  semver: r.semver,
  changeLevel: r.change_level,
  changes: r.changes,
  schema: r.schema,
  storageTable: r.storage_table,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

export async function findSchemaVersion(
  knex: Knex,
  datasetId: string,
  version: number,
): Promise<SchemaVersion | undefined> {
  const row = await knex<SchemaVersionRow>('schema_versions')
    .where({ dataset_id: datasetId, version })
    .first();
  return row ? toVersion(row) : undefined;
}

export async function findSchemaVersionById(knex: Knex, id: number): Promise<SchemaVersion | undefined> {
  const row = await knex<SchemaVersionRow>('schema_versions').where({ id }).first();
  return row ? toVersion(row) : undefined;
}

export async function listSchemaVersions(knex: Knex, datasetId: string): Promise<SchemaVersion[]> {
  return (await schemaVersionsOf(knex, [datasetId])).get(datasetId) ?? [];
}

/** Every schema version of many datasets in one round trip, oldest first. */
export async function schemaVersionsOf(
  knex: Knex,
  datasetIds: readonly string[],
): Promise<Map<string, SchemaVersion[]>> {
  const rows = await knex<SchemaVersionRow>('schema_versions')
    .whereIn('dataset_id', datasetIds)
    .orderBy(['dataset_id', 'version']);
  return groupBy(rows.map(toVersion), (v) => v.datasetId);
}

/** Current versions of many datasets in one round trip (catalog pages, GraphQL). */
export async function currentSchemaVersions(
  knex: Knex,
  datasetIds: string[],
): Promise<Map<string, SchemaVersion>> {
  const rows = await knex('schema_versions as v')
    .join('datasets as d', function joinCurrent() {
      this.on('d.id', '=', 'v.dataset_id').andOn('d.current_version', '=', 'v.version');
    })
    .whereIn('v.dataset_id', datasetIds)
    .select<SchemaVersionRow[]>('v.*');
  return new Map(rows.map((r) => [r.dataset_id, toVersion(r)]));
}

export async function insertSchemaVersion(
  knex: Knex,
  v: Omit<SchemaVersion, 'id' | 'createdAt'>,
): Promise<SchemaVersion> {
  const [row] = await knex<SchemaVersionRow>('schema_versions')
    .insert({
      dataset_id: v.datasetId,
      version: v.version,
      semver: v.semver,
      change_level: v.changeLevel,
      changes: JSON.stringify(v.changes) as unknown as SchemaChangeItem[],
      schema: JSON.stringify(v.schema) as unknown as TableSchema,
      storage_table: v.storageTable,
      created_by: v.createdBy,
    })
    .returning('*');
  return toVersion(row as SchemaVersionRow);
}
