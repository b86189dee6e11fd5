import {
  actAudited,
  actorName,
  auditSuccess,
  getDataset,
  invalidateDatasetSnapshot,
  refusalAudited,
  requireManager,
  type Acting,
} from '../catalog';
import { databaseFromKnex, type Database } from '../db';
import { checkFixableReport, linkFix } from '../feedback';
import type { PublishOutcome } from './publish-release';
import { registerSchemaVersion, type Registered } from './schema-registration';
import { ingestUpload, uploadFormat } from './upload';

/** The upload itself and its options, read only once the principal may publish. */
export interface UploadContent {
  stream: AsyncIterable<Buffer | Uint8Array | string>;
  mediaType: string | undefined;
  charset: string | undefined;
  note: string | null;
  publishAt: Date | undefined;
  revise: { reason: string } | undefined;
}

export interface UploadRequest {
  datasetId: string;
  period: string;
  dryRun: boolean;
  /** The 纠错 report this correction fixes: checked before the upload is read, resolved with it. */
  fixesReport?: string;
  limitBytes: number;
  /** Called after authorization, so an outsider's upload is refused before a byte of it is read. */
  read: () => Promise<UploadContent>;
}

/**
 * An agency publishes (or with `dryRun` validates) one period's upload. The manager check,
 * the release with its rows, the fixed report and the audit entry are one transaction;
 * every refusal, from 401 to a rejected row, is audited with its code.
 */
export async function publishUpload(db: Database, a: Acting, u: UploadRequest): Promise<PublishOutcome> {
  const subject = {
    action: u.dryRun ? 'release.validate' : 'release.publish',
    datasetId: u.datasetId,
    period: u.period,
  };
  const content = await refusalAudited(db.knex, a, subject, async () => {
    requireManager(a.principal, await getDataset(db.knex, u.datasetId));
    if (u.fixesReport) await checkFixableReport(db.knex, u.fixesReport, u.datasetId, a.principal);
    return u.read();
  });
  const ingest = (target: Database) =>
    ingestUpload(target, {
      datasetId: u.datasetId,
      period: u.period,
      body: content.stream,
      format: uploadFormat(content.mediaType),
      charset: content.charset,
      limitBytes: u.limitBytes,
      createdBy: actorName(a.principal),
      note: content.note,
      publishAt: content.publishAt,
      revise: content.revise,
      dryRun: u.dryRun,
      now: a.now,
    });

  if (u.dryRun) {
    // A dry run writes nothing, so its entry has no write to join.
    const outcome = await refusalAudited(db.knex, a, subject, () => ingest(db));
    await auditSuccess(db.knex, a, subject, { detail: { valid: outcome.report.valid } });
    return outcome;
  }
  const outcome = await actAudited(db.knex, a, subject, async (trx) => {
    const tx = databaseFromKnex(trx);
    // Checked again where it is written: the dataset's agencies may have changed meanwhile.
    requireManager(a.principal, await getDataset(trx, u.datasetId));
    const published = await ingest(tx);
    if (published.kind !== 'published') throw new Error('a publishing upload came back as a dry run');
    const rel = published.release;
    if (u.fixesReport) await linkFix(trx, u.fixesReport, rel.id, a);
    return {
      value: published,
      audit: { releaseId: rel.id, sha256: rel.sha256, detail: { rows: rel.rowCount } },
    };
  });
  invalidateDatasetSnapshot(db.knex, u.datasetId);
  return outcome;
}

/**
 * A manager of the dataset registers a schema version; the check, the version, its storage
 * and the audit entry are one transaction.
 */
export async function registerSchema(
  db: Database,
  a: Acting,
  datasetId: string,
  document: unknown,
  options: { allowMajor: boolean },
): Promise<Registered> {
  const registered = await actAudited(db.knex, a, { action: 'schema.register', datasetId }, async (trx) => {
    requireManager(a.principal, await getDataset(trx, datasetId));
    const reg = await registerSchemaVersion(databaseFromKnex(trx), datasetId, document, {
      allowMajor: options.allowMajor,
      createdBy: actorName(a.principal),
    });
    return { value: reg, audit: { detail: { version: reg.version.version, level: reg.level } } };
  });
  if (registered.stored) invalidateDatasetSnapshot(db.knex, datasetId);
  return registered;
}
