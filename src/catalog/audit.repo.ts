import type { Knex } from 'knex';

export interface AuditEntry {
  actor: string;
  agencyId: string | null;
  action: string;
  outcome: 'success' | 'rejected';
  datasetId?: string | null;
  period?: string | null;
  releaseId?: number | null;
  sha256?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

/** Append-only: who did what, when, from where, and with which checksum. */
export async function appendAudit(knex: Knex, e: AuditEntry): Promise<void> {
  await knex('audit_log').insert({
    actor: e.actor,
    agency_id: e.agencyId,
    action: e.action,
    outcome: e.outcome,
    dataset_id: e.datasetId ?? null,
    period: e.period ?? null,
    release_id: e.releaseId ?? null,
    sha256: e.sha256 ?? null,
    ip: e.ip ?? null,
    user_agent: e.userAgent ?? null,
    request_id: e.requestId ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  });
}

export async function listAudit(knex: Knex, filter: { datasetId?: string; limit: number }) {
  const q = knex('audit_log').orderBy('id', 'desc').limit(filter.limit);
  if (filter.datasetId) q.where('dataset_id', filter.datasetId);
  return q.select('*');
}
