import {
  findSchemaVersion,
  getDataset,
  insertSchemaVersion,
  invalidateDatasetSnapshot,
  lockDataset,
  refreshSearchText,
  setCurrentVersion,
  type SchemaVersion,
  type VersionChangeLevel,
} from '../catalog';
import { notifyDatasetChanged, withTransaction, type Database } from '../db';
import { ConflictError, ValidationError } from '../errors';
import {
  checkSchemaDocument,
  classifyChange,
  fromPublishedDocument,
  type SchemaChangeItem,
  type TableSchema,
} from '../schemas';
import { addStorageColumns, createStorageTable, storageGeneration, storageTableName } from '../storage';

export interface RegisterOptions {
  /** A MAJOR change must be confirmed: it starts new storage and breaks consumers. */
  allowMajor: boolean;
  createdBy: string;
}

export interface Registered {
  /** The new version; the current one when nothing was stored. */
  version: SchemaVersion;
  /** UNCHANGED: the document says what the current version says; nothing is stored. */
  level: VersionChangeLevel | 'UNCHANGED';
  changes: SchemaChangeItem[];
  stored: boolean;
}

function bumpSemver(semver: string, level: VersionChangeLevel): string {
  const [major = 1, minor = 0, patch = 0] = semver.split('.').map(Number);
  if (level === 'MAJOR') return `${major + 1}.0.0`;
  if (level === 'MINOR') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function checkPeriodKind(schema: TableSchema, expected: string): void {
  const idx = schema.fields.findIndex((f) => f.type === 'period');
  const field = schema.fields[idx];
  if (field && field.periodKind !== expected) {
    throw new ValidationError('invalid_schema', 'The period field must use the dataset period kind', [
      { path: `$.fields[${idx}].periodKind`, message: `must be ${expected} for this dataset` },
    ]);
  }
}

/**
 * The public document leaves restricted fields out; posted back, it would drop them. Said
 * plainly, rather than as the MAJOR removal it would otherwise classify as.
 */
function checkRestrictedKept(prev: TableSchema, next: TableSchema): void {
  const kept = new Set(next.fields.map((f) => f.name));
  const missing = prev.fields.filter((f) => f.disclosure === 'restricted' && !kept.has(f.name));
  if (missing.length === 0) return;
  throw new ConflictError(
    'restricted_fields_missing',
    'The document leaves out restricted fields, which the public schema never shows; start from GET …/schema?include=restricted',
    { fields: missing.map((f) => f.name) },
  );
}

/**
 * Registers a schema version and brings storage in line with it: the first version and
 * every MAJOR change create a new typed table, a MINOR change adds columns in place. The
 * published Table Schema (GET …/schema) is accepted as input; posted back unchanged, it
 * stores nothing.
 */
export async function registerSchemaVersion(
  db: Database,
  datasetId: string,
  document: unknown,
  options: RegisterOptions,
): Promise<Registered> {
  const registered = await withTransaction(db.knex, async (trx) => {
    await getDataset(trx, datasetId);
    await lockDataset(trx, datasetId);
    const dataset = await getDataset(trx, datasetId);
    const input = fromPublishedDocument(document);
    const schema = checkSchemaDocument(input);
    checkPeriodKind(schema, dataset.periodKind);
    const prev =
      dataset.currentVersion === null
        ? undefined
        : await findSchemaVersion(trx, datasetId, dataset.currentVersion);

    let level: VersionChangeLevel = 'INITIAL';
    let changes: SchemaChangeItem[] = [];
    let storageTable = storageTableName(datasetId, 1);
    if (prev) {
      if (input !== document) checkRestrictedKept(prev.schema, schema);
      const change = classifyChange(prev.schema, schema);
      if (change.changes.length === 0)
        return { version: prev, level: 'UNCHANGED' as const, changes: [], stored: false };
      level = change.level;
      changes = change.changes;
      if (level === 'MAJOR' && !options.allowMajor) {
        throw new ConflictError(
          'major_change_unconfirmed',
          'This is a MAJOR schema change; confirm it with major=true',
          {
            level,
            changes,
          },
        );
      }
      storageTable =
        level === 'MAJOR'
          ? storageTableName(datasetId, storageGeneration(prev.storageTable) + 1)
          : prev.storageTable;
    }
    if (!prev || level === 'MAJOR') await createStorageTable(trx, storageTable, schema);
    else if (level === 'MINOR') await addStorageColumns(trx, storageTable, prev.schema, schema);

    const version = await insertSchemaVersion(trx, {
      datasetId,
      version: (prev?.version ?? 0) + 1,
      semver: prev ? bumpSemver(prev.semver, level) : '1.0.0',
      changeLevel: level,
      changes,
      schema,
      storageTable,
      createdBy: options.createdBy,
    });
    await setCurrentVersion(trx, datasetId, version.version);
    await refreshSearchText(trx, datasetId, schema);
    await notifyDatasetChanged(trx, datasetId);
    return { version, level, changes, stored: true };
  });
  if (registered.stored) invalidateDatasetSnapshot(db.knex, datasetId);
  return registered;
}
