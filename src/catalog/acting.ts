import type { Knex } from 'knex';
import { countHit, translateDbError, withTransaction } from '../db';
import { isAppError } from '../errors';
import { actorName, type Principal } from './access.service';
import { appendAudit, type AuditEntry } from './audit.repo';

/** Where a request came from; `target` (method and path) is recorded on refusals. */
export interface ActingOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  target?: string;
}

/**
 * How many refusals one client may leave in the audit log per window: an attacker who is
 * refused on every request must not be able to fill the table. `key` names the client (its
 * token, or its address); `limit` 0 records every refusal.
 */
export interface RefusalBudget {
  key: string;
  limit: number;
  windowMs: number;
}

/** Who acts, from where, and when: what every audited action takes (Directus's `accountability`). */
export interface Acting {
  principal: Principal;
  origin: ActingOrigin;
  now: Date;
  refusalBudget?: RefusalBudget;
}

/** What an action acts on: the audit entry's action and its dataset and period columns. */
export interface AuditSubject {
  action: string;
  datasetId?: string | null;
  period?: string | null;
}

/**
 * What an accepted action adds to its audit entry: a created dataset names itself, and an
 * action may turn out more precise once done (an interpretation added or replaced).
 */
export interface AuditOutcome {
  action?: string;
  datasetId?: string;
  releaseId?: number | null;
  sha256?: string | null;
  detail?: Record<string, unknown>;
}

/** The value an action returns, and what its audit entry says about it. */
export interface Acted<T> {
  value: T;
  audit?: AuditOutcome;
}

function entryOf(a: Acting, subject: AuditSubject, outcome: AuditEntry['outcome']): AuditEntry {
  const p = a.principal;
  return {
    actor: actorName(p),
    agencyId: p.kind === 'token' ? p.agencyId : null,
    action: subject.action,
    outcome,
    datasetId: subject.datasetId ?? null,
    period: subject.period ?? null,
    ip: a.origin.ip,
    userAgent: a.origin.userAgent,
    requestId: a.origin.requestId,
  };
}

/** The success entry of an action, written with `trx`: it commits or rolls back with the write. */
export async function auditSuccess(
  trx: Knex,
  a: Acting,
  subject: AuditSubject,
  outcome: AuditOutcome = {},
): Promise<void> {
  await appendAudit(trx, { ...entryOf(a, subject, 'success'), ...outcome });
}

/**
 * The audit entry of a step on a submission, written in the step's own transaction.
 * `detail` names the submission and what changed; never a submitter's personal details.
 */
export function auditActing(
  trx: Knex,
  a: Acting,
  action: string,
  detail: Record<string, unknown>,
  datasetId?: string,
): Promise<void> {
  return auditSuccess(trx, a, { action, datasetId }, { detail });
}

/** The stable code a failure reaches the client with. */
export function failureCode(err: unknown): string {
  const known = translateDbError(err);
  return isAppError(known) ? known.code : 'internal_error';
}

/** Counts the refusal against its client's budget; false once the budget is spent. */
async function withinBudget(knex: Knex, a: Acting): Promise<boolean> {
  const b = a.refusalBudget;
  if (!b || b.limit === 0) return true;
  const { hits, resetAt } = await countHit(knex, `audit_refusals:${b.key}`, b.windowMs);
  if (hits === b.limit + 1) {
    // Said once per window, so the log shows that it stops listening, and until when.
    await appendAudit(knex, {
      ...entryOf(a, { action: 'audit.refusals_suppressed' }, 'rejected'),
      detail: { limit: b.limit, windowSeconds: Math.round(b.windowMs / 1000), until: resetAt.toISOString() },
    });
  }
  return hits <= b.limit;
}

/**
 * The entry of a refused or failed action: who (or `anonymous`), what, on what, and the
 * code the client got. There is no write to join, so it is its own statement; it is best
 * effort, since the failure may be the database itself, and it never hides the refusal.
 */
export async function auditRefusal(
  knex: Knex,
  a: Acting,
  subject: AuditSubject,
  err: unknown,
): Promise<void> {
  try {
    if (!(await withinBudget(knex, a))) return;
    await appendAudit(knex, {
      ...entryOf(a, subject, 'rejected'),
      detail: { code: failureCode(err), ...(a.origin.target ? { target: a.origin.target } : {}) },
    });
  } catch {
    // The client gets the original refusal; a lost entry must not replace it with a 500.
  }
}

/**
 * The one way to act on the catalogue: `work` checks authorization and writes, with `trx`,
 * and its success entry is appended in the same transaction, so a write that fails leaves
 * no entry claiming success. A refusal or failure rolls everything back and is audited on
 * its own (auditRefusal).
 */
export async function actAudited<T>(
  knex: Knex,
  a: Acting,
  subject: AuditSubject,
  work: (trx: Knex.Transaction) => Promise<Acted<T>>,
): Promise<T> {
  try {
    return await withTransaction(knex, async (trx) => {
      const out = await work(trx);
      await auditSuccess(trx, a, subject, out.audit);
      return out.value;
    });
  } catch (err) {
    await auditRefusal(knex, a, subject, err);
    throw err;
  }
}

/** Runs a step that writes nothing (a read, a check) and audits its refusal, if any. */
export async function refusalAudited<T>(
  knex: Knex,
  a: Acting,
  subject: AuditSubject,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await auditRefusal(knex, a, subject, err);
    throw err;
  }
}
