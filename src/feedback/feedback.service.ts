import type { Knex } from 'knex';
import {
  actAudited,
  actorName,
  auditActing,
  currentSchemas,
  findRelease,
  isPublicAt,
  getDataset,
  requireManager,
  type Acting,
  type Dataset,
  type Principal,
} from '../catalog';
import { withTransaction } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { formatPeriod, parsePeriod, shanghaiDate } from '../periods';
import { publicFields } from '../schemas';
import { checkText, newTrackingNumber, optionalText, spamVerdict, type Issue } from '../submissions';
import { contactEmails, findReport, insertReport, listReports, updateReport } from './feedback.repo';
import {
  MAX_FEEDBACK_DESCRIPTION,
  MAX_FEEDBACK_EMAIL,
  MAX_FEEDBACK_LIST,
  MAX_FEEDBACK_RESPONSE,
  MAX_ROW_KEYS,
  MAX_ROW_VALUE,
} from './limits';
import { FEEDBACK_KINDS, type FeedbackKind, type FeedbackReport, type FeedbackStatus } from './types';

export const FEEDBACK_PREFIX = 'JC';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Body = Record<string, unknown>;
const bodyOf = (input: unknown): Body =>
  (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Body;

const audit = (trx: Knex, a: Acting, action: string, datasetId: string, detail: Record<string, unknown>) =>
  auditActing(trx, a, action, detail, datasetId);

/** Checks what a report points at against the dataset: its period grain, releases and public fields. */
async function checkTarget(knex: Knex, dataset: Dataset, b: Body, issues: Issue[], now: Date) {
  let releaseId: number | null = null;
  let period: string | null = null;
  if (b.release !== undefined && b.release !== null) {
    const rel = Number.isInteger(b.release) ? await findRelease(knex, b.release as number) : undefined;
    if (!rel || rel.datasetId !== dataset.id || !isPublicAt(rel, now)) {
      issues.push({ path: '$.release', message: `no published release of ${dataset.id} with this id` });
    } else {
      releaseId = rel.id;
      period = rel.period;
    }
  }
  if (b.period !== undefined && b.period !== null && b.period !== '') {
    try {
      period = formatPeriod(parsePeriod(String(b.period), dataset.periodKind));
    } catch {
      issues.push({ path: '$.period', message: `must be a ${dataset.periodKind} period of ${dataset.id}` });
    }
  }
  const version = (await currentSchemas(knex, [dataset.id])).get(dataset.id);
  const names = new Set(version ? publicFields(version.schema).map((f) => f.name) : []);
  let field: string | null = null;
  if (b.field !== undefined && b.field !== null && b.field !== '') {
    // A restricted field is indistinguishable from one that does not exist.
    if (typeof b.field === 'string' && names.has(b.field)) field = b.field;
    else issues.push({ path: '$.field', message: 'must be a public field of the dataset' });
  }
  let row: Record<string, string> | null = null;
  if (b.row !== undefined && b.row !== null) {
    const entries = typeof b.row === 'object' && !Array.isArray(b.row) ? Object.entries(b.row as Body) : null;
    if (!entries || entries.length === 0 || entries.length > MAX_ROW_KEYS) {
      issues.push({
        path: '$.row',
        message: `an object of 1 to ${MAX_ROW_KEYS} field values naming the row`,
      });
    } else {
      row = {};
      for (const [k, v] of entries) {
        if (!names.has(k)) issues.push({ path: `$.row.${k}`, message: 'not a public field of the dataset' });
        else if ((typeof v !== 'string' && typeof v !== 'number') || String(v).length > MAX_ROW_VALUE)
          issues.push({ path: `$.row.${k}`, message: `a value of at most ${MAX_ROW_VALUE} characters` });
        else row[k] = String(v);
      }
    }
  }
  return { releaseId, period, field, row };
}

/**
 * Anyone reports a problem with a dataset, a release or a row (纠错, 三(六)). What the report
 * names is checked against the dataset (a published release, a period of its grain, public
 * fields only); the optional email is the only personal detail and goes to its own table.
 * Spam is stored with its reasons and never reaches a queue or a public list.
 */
export async function submitFeedback(
  knex: Knex,
  datasetId: string,
  input: unknown,
  a: Acting,
): Promise<FeedbackReport> {
  const dataset = await getDataset(knex, datasetId);
  const b = bodyOf(input);
  const issues: Issue[] = [];
  const kind = (FEEDBACK_KINDS as readonly unknown[]).includes(b.kind) ? (b.kind as FeedbackKind) : undefined;
  if (!kind) issues.push({ path: '$.kind', message: `must be one of ${FEEDBACK_KINDS.join(', ')}` });
  const description = checkText(issues, '$.description', b.description, MAX_FEEDBACK_DESCRIPTION);
  const email = optionalText(issues, '$.email', b.email, MAX_FEEDBACK_EMAIL);
  if (email !== null && !EMAIL.test(email))
    issues.push({ path: '$.email', message: 'is not an email address' });
  const target = await checkTarget(knex, dataset, b, issues, a.now);
  if (kind === 'missing_period' && target.period === null) {
    issues.push({ path: '$.period', message: 'name the period that is missing' });
  }
  if (issues.length > 0 || !kind || description === undefined) {
    throw new ValidationError('invalid_feedback', 'The report is incomplete or invalid', issues);
  }
  const verdict = spamVerdict({ honeypot: b.website, texts: [description] });
  const trackingNumber = newTrackingNumber(FEEDBACK_PREFIX, Number(shanghaiDate(a.now).slice(0, 4)));
  await withTransaction(knex, async (trx) => {
    await insertReport(
      trx,
      {
        trackingNumber,
        datasetId: dataset.id,
        kind,
        ...target,
        description,
        status: verdict.spam ? 'spam' : 'open',
        spamReasons: verdict.reasons,
        createdBy: actorName(a.principal),
      },
      email,
    );
    await audit(trx, a, 'feedback.submit', dataset.id, {
      trackingNumber,
      kind,
      ...(verdict.spam ? { spam: verdict.reasons } : {}),
    });
  });
  return (await findReport(knex, trackingNumber)) as FeedbackReport;
}

async function reportOrFail(
  knex: Knex,
  tn: string,
  o: { forUpdate?: boolean } = {},
): Promise<FeedbackReport> {
  const r = await findReport(knex, tn, o);
  if (!r) throw new NotFoundError('feedback_not_found', `No report ${tn}`, { trackingNumber: tn });
  return r;
}

const ANSWERABLE: readonly FeedbackStatus[] = ['open', 'acknowledged'];

function requireAnswerable(r: FeedbackReport): void {
  if (!ANSWERABLE.includes(r.status)) {
    throw new ConflictError('feedback_closed', `Report ${r.trackingNumber} is ${r.status}`, {
      trackingNumber: r.trackingNumber,
      status: r.status,
    });
  }
}

/** A release of the report's dataset, published, that can be named as its fix. */
async function fixingRelease(knex: Knex, r: FeedbackReport, releaseId: unknown, now: Date) {
  const rel = Number.isInteger(releaseId) ? await findRelease(knex, releaseId as number) : undefined;
  if (!rel || rel.datasetId !== r.dataset.id || !isPublicAt(rel, now)) {
    throw new ValidationError(
      'invalid_feedback_response',
      'The fixing release is not a published release of the dataset',
      [{ path: '$.fixedBy', message: `no published release of ${r.dataset.id} with this id` }],
    );
  }
  return rel;
}

/**
 * The responsible agency answers: `acknowledged` (looking into it), `resolved` (optionally
 * naming the release that fixes it) or `rejected`, with a public answer and an internal note.
 */
export async function respondToFeedback(
  knex: Knex,
  tn: string,
  input: unknown,
  a: Acting,
): Promise<FeedbackReport> {
  const b = bodyOf(input);
  const issues: Issue[] = [];
  const status = ['acknowledged', 'resolved', 'rejected'].includes(b.status as string)
    ? (b.status as FeedbackStatus)
    : undefined;
  if (!status) issues.push({ path: '$.status', message: 'must be acknowledged, resolved or rejected' });
  const publicResponse = checkText(issues, '$.publicResponse', b.publicResponse, MAX_FEEDBACK_RESPONSE);
  const internalNote = optionalText(issues, '$.internalNote', b.internalNote, MAX_FEEDBACK_RESPONSE);
  if (b.fixedBy !== undefined && b.fixedBy !== null && status !== 'resolved') {
    issues.push({ path: '$.fixedBy', message: 'only a resolved report names its fix' });
  }
  if (issues.length > 0 || !status) {
    throw new ValidationError('invalid_feedback_response', 'The answer is invalid', issues);
  }
  await actAudited(knex, a, { action: 'feedback.respond' }, async (trx) => {
    const r = await reportOrFail(trx, tn, { forUpdate: true });
    requireManager(a.principal, await getDataset(trx, r.dataset.id));
    requireAnswerable(r);
    const fix =
      b.fixedBy === undefined || b.fixedBy === null ? null : await fixingRelease(trx, r, b.fixedBy, a.now);
    await updateReport(trx, r.id, {
      status,
      public_response: publicResponse,
      internal_note: internalNote,
      responded_at: a.now,
      responded_by: actorName(a.principal),
      ...(fix ? { fixed_by_release_id: fix.id } : {}),
    });
    return {
      value: undefined,
      audit: { datasetId: r.dataset.id, detail: { trackingNumber: tn, status, fixedBy: fix?.id ?? null } },
    };
  });
  return reportOrFail(knex, tn);
}

/**
 * Checked before a revision is uploaded with `fixesReport`, so a bad number refuses the
 * upload instead of leaving a published revision whose link failed.
 */
export async function checkFixableReport(
  knex: Knex,
  tn: string,
  datasetId: string,
  p: Principal,
): Promise<void> {
  const r = await reportOrFail(knex, tn);
  if (r.dataset.id !== datasetId) {
    throw new ValidationError('invalid_parameter', `Report ${tn} is about ${r.dataset.id}`, {
      parameter: 'fixesReport',
      dataset: r.dataset.id,
    });
  }
  requireManager(p, await getDataset(knex, datasetId));
  requireAnswerable(r);
}

/** After the revision is published: the report is resolved by it, on the record. */
export async function linkFix(knex: Knex, tn: string, releaseId: number, a: Acting): Promise<FeedbackReport> {
  await withTransaction(knex, async (trx) => {
    const r = await reportOrFail(trx, tn, { forUpdate: true });
    requireAnswerable(r);
    await updateReport(trx, r.id, {
      status: 'resolved',
      fixed_by_release_id: releaseId,
      responded_at: a.now,
      responded_by: actorName(a.principal),
      ...(r.publicResponse === null
        ? { public_response: '已发布更正后的数据。Corrected data published.' }
        : {}),
    });
    await audit(trx, a, 'feedback.fixed', r.dataset.id, { trackingNumber: tn, fixedBy: releaseId });
  });
  return reportOrFail(knex, tn);
}

/** Takes a report out of the queue as spam; it stays stored and counted. */
export async function markFeedbackSpam(knex: Knex, tn: string, a: Acting): Promise<FeedbackReport> {
  await actAudited(knex, a, { action: 'feedback.spam' }, async (trx) => {
    const r = await reportOrFail(trx, tn, { forUpdate: true });
    requireManager(a.principal, await getDataset(trx, r.dataset.id));
    requireAnswerable(r);
    await updateReport(trx, r.id, { status: 'spam', spam_reasons: JSON.stringify(['manual']) });
    return { value: undefined, audit: { datasetId: r.dataset.id, detail: { trackingNumber: tn } } };
  });
  return reportOrFail(knex, tn);
}

const PUBLIC: readonly FeedbackStatus[] = ['open', 'acknowledged', 'resolved', 'rejected'];

/** A report as anyone may see it: spam is not shown, as if it did not exist. */
export async function publicReport(knex: Knex, tn: string): Promise<FeedbackReport> {
  const r = await reportOrFail(knex, tn);
  if (!PUBLIC.includes(r.status))
    throw new NotFoundError('feedback_not_found', `No report ${tn}`, { trackingNumber: tn });
  return r;
}

export async function datasetReports(knex: Knex, datasetId: string): Promise<FeedbackReport[]> {
  const dataset = await getDataset(knex, datasetId);
  return listReports(knex, { datasetId: dataset.id, statuses: PUBLIC, limit: MAX_FEEDBACK_LIST });
}

export const FEEDBACK_QUEUE_FILTERS = ['open', 'closed', 'spam'] as const;
export type FeedbackQueueFilter = (typeof FEEDBACK_QUEUE_FILTERS)[number];
const QUEUE: Record<FeedbackQueueFilter, readonly FeedbackStatus[]> = {
  open: ['open', 'acknowledged'],
  closed: ['resolved', 'rejected'],
  spam: ['spam'],
};

/** The agency's reports (on datasets it leads or shares), with the reporters' emails. */
export async function feedbackQueue(
  knex: Knex,
  p: Principal,
  o: { filter: FeedbackQueueFilter; agency?: string },
): Promise<Array<{ report: FeedbackReport; email: string | null }>> {
  if (p.kind === 'anonymous')
    throw new UnauthorizedError('authentication_required', 'A bearer token is required');
  if (p.role !== 'admin' && o.agency !== undefined && o.agency !== p.agencyId) {
    throw new ForbiddenError('not_responsible', 'A publisher reads only its own agency’s reports', {
      agency: o.agency,
    });
  }
  const agencyId = p.role === 'admin' ? o.agency : (p.agencyId ?? undefined);
  const reports = await listReports(knex, { agencyId, statuses: QUEUE[o.filter], limit: MAX_FEEDBACK_LIST });
  const emails = await contactEmails(
    knex,
    reports.map((r) => r.id),
  );
  return reports.map((report) => ({ report, email: emails.get(report.id) ?? null }));
}
