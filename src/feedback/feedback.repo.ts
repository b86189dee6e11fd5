import type { Knex } from 'knex';
import type { FeedbackKind, FeedbackReport, FeedbackStatus, ReleaseRef } from './types';

interface ReportRow {
  id: number;
  tracking_number: string;
  dataset_id: string;
  title_zh: string;
  title_en: string;
  kind: FeedbackKind;
  release_id: number | null;
  release_period: string | null;
  release_revision: number | null;
  period: string | null;
  field: string | null;
  row_key: Record<string, string> | null;
  description: string;
  status: FeedbackStatus;
  spam_reasons: string[];
  submitted_at: Date;
  public_response: string | null;
  internal_note: string | null;
  responded_at: Date | null;
  fixed_by_release_id: number | null;
  fix_period: string | null;
  fix_revision: number | null;
}

// The report's columns and the releases it names; never the contact table.
const COLUMNS = [
  'f.id',
  'f.tracking_number',
  'f.dataset_id',
  'd.title_zh',
  'd.title_en',
  'f.kind',
  'f.release_id',
  'r.period as release_period',
  'r.revision as release_revision',
  'f.period',
  'f.field',
  'f.row_key',
  'f.description',
  'f.status',
  'f.spam_reasons',
  'f.submitted_at',
  'f.public_response',
  'f.internal_note',
  'f.responded_at',
  'f.fixed_by_release_id',
  'x.period as fix_period',
  'x.revision as fix_revision',
];

function base(knex: Knex) {
  return knex('feedback_reports as f')
    .join('datasets as d', 'd.id', 'f.dataset_id')
    .leftJoin('releases as r', 'r.id', 'f.release_id')
    .leftJoin('releases as x', 'x.id', 'f.fixed_by_release_id');
}

const ref = (id: number | null, period: string | null, revision: number | null): ReleaseRef | null =>
  id === null || period === null || revision === null ? null : { id: Number(id), period, revision };

function toReport(r: ReportRow): FeedbackReport {
  return {
    id: Number(r.id),
    trackingNumber: r.tracking_number,
    dataset: { id: r.dataset_id, title: { zh: r.title_zh, en: r.title_en } },
    kind: r.kind,
    release: ref(r.release_id, r.release_period, r.release_revision),
    period: r.period,
    field: r.field,
    row: r.row_key,
    description: r.description,
    status: r.status,
    spamReasons: r.spam_reasons,
    submittedAt: new Date(r.submitted_at),
    publicResponse: r.public_response,
    internalNote: r.internal_note,
    respondedAt: r.responded_at ? new Date(r.responded_at) : null,
    fixedBy: ref(r.fixed_by_release_id, r.fix_period, r.fix_revision),
  };
}

export async function findReport(
  knex: Knex,
  trackingNumber: string,
  o: { forUpdate?: boolean } = {},
): Promise<FeedbackReport | undefined> {
  const q = base(knex).where('f.tracking_number', trackingNumber).first(COLUMNS);
  if (o.forUpdate) q.forUpdate('f');
  const row = (await q) as ReportRow | undefined;
  return row ? toReport(row) : undefined;
}

export interface ReportFilter {
  datasetId?: string;
  /** Reports on the datasets this agency is responsible for (lead or partner). */
  agencyId?: string;
  statuses: readonly FeedbackStatus[];
  limit: number;
}

/** Newest first. */
export async function listReports(knex: Knex, f: ReportFilter): Promise<FeedbackReport[]> {
  const q = base(knex).whereIn('f.status', f.statuses).orderBy('f.id', 'desc').limit(f.limit).select(COLUMNS);
  if (f.datasetId) q.where('f.dataset_id', f.datasetId);
  if (f.agencyId) {
    q.whereIn('f.dataset_id', knex('dataset_agencies').where('agency_id', f.agencyId).select('dataset_id'));
  }
  return ((await q) as ReportRow[]).map(toReport);
}

export async function countReports(knex: Knex, datasetId: string): Promise<Record<FeedbackStatus, number>> {
  const rows = (await knex('feedback_reports')
    .where('dataset_id', datasetId)
    .groupBy('status')
    .select('status', knex.raw('count(*)::int as n'))) as Array<{ status: FeedbackStatus; n: number }>;
  const out: Record<FeedbackStatus, number> = { open: 0, acknowledged: 0, resolved: 0, rejected: 0, spam: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export interface NewReport {
  trackingNumber: string;
  datasetId: string;
  kind: FeedbackKind;
  releaseId: number | null;
  period: string | null;
  field: string | null;
  row: Record<string, string> | null;
  description: string;
  status: FeedbackStatus;
  spamReasons: string[];
  createdBy: string;
}

export async function insertReport(knex: Knex, r: NewReport, email: string | null): Promise<number> {
  const [row] = (await knex('feedback_reports')
    .insert({
      tracking_number: r.trackingNumber,
      dataset_id: r.datasetId,
      kind: r.kind,
      release_id: r.releaseId,
      period: r.period,
      field: r.field,
      row_key: r.row === null ? null : JSON.stringify(r.row),
      description: r.description,
      status: r.status,
      spam_reasons: JSON.stringify(r.spamReasons),
      created_by: r.createdBy,
    })
    .returning('id')) as Array<{ id: number }>;
  const id = Number(row?.id);
  if (email !== null) await knex('feedback_contacts').insert({ report_id: id, email });
  return id;
}

export interface ReportPatch {
  status?: FeedbackStatus;
  spam_reasons?: string;
  public_response?: string | null;
  internal_note?: string | null;
  responded_at?: Date;
  responded_by?: string;
  fixed_by_release_id?: number | null;
}

export async function updateReport(knex: Knex, id: number, patch: ReportPatch): Promise<void> {
  await knex('feedback_reports').where({ id }).update(patch);
}

/** Restricted: the reporter's email, for the responsible agency's queue only. */
export async function contactEmails(knex: Knex, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await knex('feedback_contacts')
    .whereIn('report_id', ids)
    .select('report_id', 'email')) as Array<{
    report_id: number;
    email: string;
  }>;
  return new Map(rows.map((r) => [Number(r.report_id), r.email]));
}
