import type { Knex } from 'knex';
import {
  findRelease,
  findSchemaVersion,
  getDataset,
  insertRelease,
  latestRevision,
  completeRelease,
  invalidateDatasetSnapshot,
  type Dataset,
  type ReleaseRecord,
  noSchema,
} from '../catalog';
import type { Database } from '../db';
import { notifyDatasetChanged, withTransaction } from '../db';
import { ConflictError, ValidationError } from '../errors';
import { formatPeriod, parsePeriod, periodStart, releasableFrom } from '../periods';
import { periodField } from '../schemas';
import { encodeLine, openRowWriter, type CellValue } from '../storage';
import { CanonicalHash } from './canonical-hash';
import { RecordValidator, type RawRecord } from './record-validator';
import { ReportBuilder, type ValidationReport } from './validation-report';

export interface PublishInput {
  datasetId: string;
  period: string;
  records: AsyncIterable<RawRecord> | Iterable<RawRecord>;
  createdBy: string;
  note?: string | null;
  /** Embargo: stored now, visible on every read path only from this instant. */
  publishAt?: Date;
  /** Required to add a revision to a period that already has one. */
  revise?: { reason: string };
  dryRun?: boolean;
  now?: Date;
}

export type PublishOutcome =
  | { kind: 'published'; release: ReleaseRecord; report: ValidationReport }
  | { kind: 'dry_run'; report: ValidationReport };

async function loadTarget(knex: Knex, datasetId: string, periodText: string) {
  const dataset = await getDataset(knex, datasetId);
  const period = formatPeriod(parsePeriod(periodText, dataset.periodKind));
  const version =
    dataset.currentVersion === null
      ? undefined
      : await findSchemaVersion(knex, datasetId, dataset.currentVersion);
  if (!version) throw noSchema(datasetId);
  return { dataset, period, version };
}

/**
 * A period that has not ended has no data yet: a release for it (2030-W10 uploaded by
 * mistake) would become "latest" everywhere. A dataset that publishes ahead, such as a
 * budget, declares how far ahead as its lead time.
 */
function assertReleasable(dataset: Dataset, period: string, now: Date): void {
  const from = releasableFrom(parsePeriod(period, dataset.periodKind), dataset.leadTime);
  if (now >= from) return;
  throw new ValidationError(
    'period_not_ended',
    `Period ${period} has not ended yet; its release can be published from ${from.toISOString()}`,
    { period, releasableFrom: from.toISOString(), leadTime: dataset.leadTime },
  );
}

function failIfInvalid(report: ReportBuilder): void {
  if (report.rowCount === 0) {
    throw new ValidationError('empty_upload', 'The upload contains no data rows', { rowCount: 0 });
  }
  if (report.hasErrors) {
    const built = report.build();
    throw new ValidationError(
      'validation_failed',
      `The upload has ${built.errorCount} error(s); nothing was stored`,
      {
        ...built,
      },
    );
  }
}

/**
 * The rule for a period's revisions, the same for a dry run and a real upload: a period
 * with a release takes only revisions (with a reason), and a revision needs a release to
 * revise, so a script meant to correct data never silently creates it instead.
 */
function checkRevision(latest: number, period: string, revise: PublishInput['revise']): void {
  if (revise && (!revise.reason || revise.reason.trim() === '')) {
    throw new ValidationError('reason_required', 'A revision needs a reason', { field: 'reason' });
  }
  if (latest > 0 && !revise) {
    throw new ConflictError(
      'release_exists',
      `Period ${period} already has revision ${latest}; revise it instead`,
      {
        period,
        revision: latest,
      },
    );
  }
  if (revise && latest === 0) {
    throw new ConflictError(
      'nothing_to_revise',
      `Period ${period} has no release to revise; publish it without revise`,
      {
        period,
      },
    );
  }
}

/** Reads every record through the validator; `onRow` gets each valid row while the upload is clean. */
async function validateRecords(
  validator: RecordValidator,
  report: ReportBuilder,
  records: PublishInput['records'],
  onRow?: (row: CellValue[]) => Promise<void> | void,
): Promise<void> {
  try {
    for await (const rec of records) {
      const checked = validator.check(rec);
      const row = checked instanceof Promise ? await checked : checked;
      // After the first error we only keep validating, so the report is complete.
      if (row && onRow && !report.hasErrors) await onRow(row);
    }
    await validator.finish();
  } finally {
    validator.close();
  }
}

/**
 * The one path by which data enters the platform (uploads and seeds alike): cast and
 * check every row, COPY the rows into the typed table, and record the release with its
 * checksum, all in one transaction. Any error rolls back everything.
 */
export async function publishRelease(db: Database, input: PublishInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  const { dataset, period, version } = await loadTarget(db.knex, input.datasetId, input.period);
  assertReleasable(dataset, period, now);
  const schema = version.schema;
  if (input.dryRun) {
    checkRevision(await latestRevision(db.knex, dataset.id, period), period, input.revise);
    const report = new ReportBuilder();
    await validateRecords(
      new RecordValidator(schema, periodField(schema).name, period, report),
      report,
      input.records,
    );
    if (report.rowCount === 0)
      throw new ValidationError('empty_upload', 'The upload contains no data rows', { rowCount: 0 });
    return { kind: 'dry_run', report: report.build() };
  }
  const releaseId = await withTransaction(db.knex, async (trx) => {
    // A large upload legitimately runs for minutes; the read-side statement_timeout must
    // not cut its COPY short (its size is bounded by UPLOAD_LIMIT_BYTES instead).
    await trx.raw('SET LOCAL statement_timeout = 0');
    // One writer per dataset at a time: concurrent uploads of a period cannot both win,
    // and release ids commit in order, which lets readers bound visibility by id.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`release:${dataset.id}`]);
    const latest = await latestRevision(trx, dataset.id, period);
    checkRevision(latest, period, input.revise);
    const id = await insertRelease(trx, {
      datasetId: dataset.id,
      period,
      periodStart: periodStart(parsePeriod(period)),
      revision: latest + 1,
      schemaVersionId: version.id,
      publishAt: input.publishAt ?? now,
      createdBy: input.createdBy,
      note: input.note ?? null,
      revisionReason: latest > 0 ? (input.revise?.reason ?? null) : null,
    });
    const report = new ReportBuilder();
    const validator = new RecordValidator(schema, periodField(schema).name, period, report);
    const writer = await openRowWriter(db.dialect, trx, version.storageTable, schema, id);
    const hash = new CanonicalHash(schema);
    let rowCount: number;
    try {
      await validateRecords(validator, report, input.records, async (row) => {
        const line = encodeLine(row);
        hash.add(line, row);
        writer.add(line);
        if (writer.full) await writer.flush();
      });
      failIfInvalid(report);
      rowCount = await writer.end();
    } catch (err) {
      await writer.abort();
      throw err;
    }
    await completeRelease(trx, id, rowCount, hash.digest(), hash.bytes);
    // Delivered to every API process on commit, never for a rollback.
    await notifyDatasetChanged(trx, dataset.id);
    return id;
  });
  invalidateDatasetSnapshot(db.knex, dataset.id);
  const release = (await findRelease(db.knex, releaseId))!;
  return {
    kind: 'published',
    release,
    report: {
      valid: true,
      rowCount: release.rowCount,
      errorCount: 0,
      errors: [],
      totalsByRule: {},
      truncated: false,
    },
  };
}
