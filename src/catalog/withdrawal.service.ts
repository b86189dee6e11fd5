import type { Knex } from 'knex';
import { notifyDatasetChanged } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { formatPeriod, parsePeriod } from '../periods';
import { longerThan } from '../schemas';
import { actorName, requireManager } from './access.service';
import { actAudited, type Acting } from './acting';
import { invalidateDatasetSnapshot } from './dataset-snapshot';
import { getDataset } from './datasets.service';
import { MAX_TEXT_LENGTH } from './limits';
import { listReleases, lockRelease, markWithdrawn, type ReleaseRecord } from './releases.repo';
import { currentReleases } from './visibility';

export interface WithdrawalRequest {
  datasetId: string;
  period: string;
  /**
   * Named explicitly (`revision=` text, checked here, after authorization): a withdrawal
   * cannot be undone, so it never guesses which revision is meant.
   */
  revision: string | undefined;
  /** Why, in the agency's words; required, and shown with the tombstone to everyone. */
  reason: unknown;
}

export interface WithdrawalOutcome {
  release: ReleaseRecord;
  /** The period's releases after the withdrawal, for the answer's statuses. */
  period: ReleaseRecord[];
  /** The revision now served as the period's current data, or null when none is left. */
  current: ReleaseRecord | null;
}

const ACTION = 'release.withdraw';

function revisionOf(raw: string | undefined): number {
  if (raw === undefined || !/^[1-9]\d{0,8}$/.test(raw)) {
    throw new ValidationError(
      'invalid_parameter',
      'Parameter revision is required: a revision number from 1',
      {
        parameter: 'revision',
        value: raw ?? null,
      },
    );
  }
  return Number(raw);
}

function reasonOf(raw: unknown): string {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  const issue =
    typeof raw !== 'string'
      ? 'a reason is required'
      : reason === ''
        ? 'the reason may not be empty'
        : longerThan(reason, MAX_TEXT_LENGTH)
          ? `must be at most ${MAX_TEXT_LENGTH} characters`
          : null;
  if (issue) {
    throw new ValidationError('invalid_withdrawal', 'The withdrawal needs a reason', [
      { path: '$.reason', message: issue },
    ]);
  }
  return reason;
}

/**
 * Withdraws one revision of a period: it becomes a tombstone. Its rows stay stored, so a
 * read as of an instant before the withdrawal still serves them, but from the withdrawal
 * on no current read counts it. The newest remaining public revision of the period, if
 * any, becomes current again.
 *
 * Only a manager of the dataset's agencies or an admin may. Authorization, the write and
 * the audit entry happen in one transaction (actAudited); a refusal (401, 403) or any other
 * rejection is audited too, after the rollback, with its error code.
 */
export async function withdrawRelease(
  knex: Knex,
  a: Acting,
  req: WithdrawalRequest,
): Promise<WithdrawalOutcome> {
  const subject = { action: ACTION, datasetId: req.datasetId, period: req.period };
  const out = await actAudited(knex, a, subject, async (trx) => {
    const dataset = await getDataset(trx, req.datasetId);
    requireManager(a.principal, dataset);
    const period = formatPeriod(parsePeriod(req.period, dataset.periodKind));
    const revision = revisionOf(req.revision);
    const reason = reasonOf(req.reason);
    const release = await lockRelease(trx, dataset.id, period, revision);
    if (!release) {
      throw new NotFoundError('release_not_found', `No release of ${dataset.id} for ${period}`, {
        dataset: dataset.id,
        period,
        revision,
      });
    }
    const withdrawal = { at: a.now, reason, by: actorName(a.principal) };
    if (release.withdrawal || !(await markWithdrawn(trx, release.id, withdrawal))) {
      throw new ConflictError('already_withdrawn', `Revision ${revision} of ${period} is already withdrawn`, {
        dataset: dataset.id,
        period,
        revision,
        withdrawnAt: release.withdrawal?.at.toISOString() ?? null,
      });
    }
    const all = await listReleases(trx, dataset.id, { includeScheduled: true, now: a.now, period });
    const current = currentReleases(all, a.now)[0] ?? null;
    // Every other API process drops its snapshot of the dataset when this commits.
    await notifyDatasetChanged(trx, dataset.id);
    return {
      value: { release: { ...release, withdrawal }, period: all, current },
      audit: {
        releaseId: release.id,
        sha256: release.sha256,
        detail: { revision: release.revision, reason, current: current?.revision ?? null },
      },
    };
  });
  invalidateDatasetSnapshot(knex, req.datasetId);
  return out;
}
