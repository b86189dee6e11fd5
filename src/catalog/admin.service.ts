import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { actorName, createToken, requireAdmin } from './access.service';
import { actAudited, refusalAudited, type Acting } from './acting';
import { createAgency } from './agencies.repo';
import { listAudit } from './audit.repo';
import { createDataset } from './datasets.service';
import { listTokens, markTokenRevoked, type Role, type TokenRecord } from './tokens.repo';
import type { Agency, Dataset, DatasetInput } from './types';

/**
 * The administrator's actions. Each checks the principal, writes and appends its audit
 * entry in one transaction (actAudited); a refusal is audited on its own.
 */

export interface TokenRequest {
  name: string;
  role: Role;
  agencyId: string | null;
}

/** A new token; its secret is returned here once and never stored. */
export function issueToken(
  knex: Knex,
  a: Acting,
  input: TokenRequest,
): Promise<{ record: TokenRecord; token: string }> {
  return actAudited(knex, a, { action: 'token.create' }, async (trx) => {
    requireAdmin(a.principal);
    const issued = await createToken(trx, input, actorName(a.principal));
    const { record } = issued;
    return {
      value: issued,
      audit: { detail: { tokenId: record.id, role: record.role, agency: record.agencyId } },
    };
  });
}

/**
 * Parameters that arrive as a function are read only once the principal may act: an
 * outsider is refused before anything about the parameters is said (as before the move).
 */
type AfterAuthorization<T> = () => T;

export function revokeToken(knex: Knex, a: Acting, id: AfterAuthorization<number>): Promise<void> {
  return actAudited(knex, a, { action: 'token.revoke' }, async (trx) => {
    requireAdmin(a.principal);
    const tokenId = id();
    if (!(await markTokenRevoked(trx, tokenId))) {
      throw new NotFoundError('token_not_found', `No active token ${tokenId}`, { token: tokenId });
    }
    return { value: undefined, audit: { detail: { tokenId } } };
  });
}

export function listIssuedTokens(knex: Knex, a: Acting): Promise<TokenRecord[]> {
  return refusalAudited(knex, a, { action: 'token.list' }, async () => {
    requireAdmin(a.principal);
    return listTokens(knex);
  });
}

export function readAuditLog(
  knex: Knex,
  a: Acting,
  filter: AfterAuthorization<{ datasetId?: string; limit: number }>,
): Promise<Record<string, unknown>[]> {
  return refusalAudited(knex, a, { action: 'audit.read' }, async () => {
    requireAdmin(a.principal);
    return listAudit(knex, filter());
  });
}

export function saveAgency(knex: Knex, a: Acting, input: Agency): Promise<Agency> {
  return actAudited(knex, a, { action: 'agency.upsert' }, async (trx) => {
    requireAdmin(a.principal);
    const agency = await createAgency(trx, input);
    return { value: agency, audit: { detail: { agency: agency.id } } };
  });
}

/** The dataset, its agencies and its search text, all or nothing. */
export function addDataset(knex: Knex, a: Acting, input: DatasetInput): Promise<Dataset> {
  return actAudited(knex, a, { action: 'dataset.create' }, async (trx) => {
    requireAdmin(a.principal);
    const created = await createDataset(trx, input);
    return { value: created, audit: { datasetId: created.id } };
  });
}
