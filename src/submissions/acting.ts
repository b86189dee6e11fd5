import type { Knex } from 'knex';
import { actorName, appendAudit, type Principal } from '../catalog';

/** Who acts, from where, and when: what every audited step on a submission needs. */
export interface Acting {
  principal: Principal;
  origin: { ip: string | null; userAgent: string | null; requestId: string | null };
  now: Date;
}

/**
 * The audit entry of a step on a submission, written in the step's own transaction.
 * `detail` names the submission and what changed; never a submitter's personal details.
 */
export async function auditActing(
  trx: Knex,
  a: Acting,
  action: string,
  detail: Record<string, unknown>,
  datasetId?: string,
): Promise<void> {
  const p = a.principal;
  await appendAudit(trx, {
    actor: actorName(p),
    agencyId: p.kind === 'token' ? p.agencyId : null,
    action,
    outcome: 'success',
    ...(datasetId === undefined ? {} : { datasetId }),
    ip: a.origin.ip,
    userAgent: a.origin.userAgent,
    requestId: a.origin.requestId,
    detail,
  });
}
