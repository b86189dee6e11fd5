import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../errors';
import { longerThan } from '../schemas';
import { findAgency } from './agencies.repo';
import { MAX_NAME_LENGTH } from './limits';
import { appendAudit } from './audit.repo';
import { findTokenByHash, insertToken, touchToken, type Role, type TokenRecord } from './tokens.repo';
import type { Dataset } from './types';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'token'; tokenId: number | null; name: string; role: Role; agencyId: string | null };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Shown once to its creator; only the hash is stored. */
export async function createToken(
  knex: Knex,
  input: { name: string; role: Role; agencyId: string | null },
  createdBy: string,
): Promise<{ record: TokenRecord; token: string }> {
  const issues: { path: string; message: string }[] = [];
  if (typeof input.name !== 'string' || input.name.trim() === '')
    issues.push({ path: '$.name', message: 'a name is required' });
  // The name is part of the actor recorded on every release and audit entry the token makes.
  else if (longerThan(input.name, MAX_NAME_LENGTH))
    issues.push({ path: '$.name', message: `at most ${MAX_NAME_LENGTH} characters` });
  if (input.agencyId !== null && typeof input.agencyId !== 'string') {
    issues.push({ path: '$.agency', message: 'must be an agency id' });
  }
  if (input.role !== 'admin' && input.role !== 'publisher')
    issues.push({ path: '$.role', message: 'admin or publisher' });
  if (input.role === 'publisher' && !input.agencyId)
    issues.push({ path: '$.agency', message: 'publishers belong to an agency' });
  if (typeof input.agencyId === 'string' && input.agencyId && !(await findAgency(knex, input.agencyId))) {
    issues.push({ path: '$.agency', message: `unknown agency ${input.agencyId}` });
  }
  if (issues.length > 0)
    throw new ValidationError('invalid_token_request', 'The token request is invalid', issues);
  const token = `sxod_${randomBytes(24).toString('base64url')}`;
  const record = await insertToken(knex, {
    name: input.name.trim(),
    role: input.role,
    agencyId: input.role === 'admin' ? (input.agencyId ?? null) : input.agencyId,
    hash: hashToken(token),
    prefix: token.slice(0, 10),
    createdBy,
  });
  return { record, token };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a), 'hex');
  const y = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(x, y);
}

/** Where a request came from, for the audit entries of refusals (never its credentials). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** What was asked, e.g. `POST /api/v1/admin/tokens` (no query string). */
  target: string;
}

type CredentialProblem = 'unknown' | 'revoked' | 'malformed';

/**
 * Refused credentials leave an audit entry, written where the refusal is decided: who,
 * when it is a known (revoked) token; from where; and why. The presented token is never
 * recorded, not even in part: a mistyped secret is most of the real one.
 */
async function refuseCredentials(
  knex: Knex,
  problem: CredentialProblem,
  origin: RequestOrigin,
  record?: TokenRecord,
): Promise<never> {
  const code = problem === 'malformed' ? 'invalid_authorization' : 'invalid_token';
  const { target, ...from } = origin;
  await appendAudit(knex, {
    actor: record ? `token:${record.id}:${record.name}` : 'unauthenticated',
    agencyId: record?.agencyId ?? null,
    action: 'authenticate',
    outcome: 'rejected',
    ...from,
    detail: { code, reason: problem, target },
  });
  throw problem === 'malformed'
    ? new UnauthorizedError('invalid_authorization', 'Use Authorization: Bearer <token>')
    : new UnauthorizedError('invalid_token', 'The token is unknown or revoked');
}

/** An Authorization header that is not `Bearer <token>`: audited and refused. */
export function refuseMalformedCredentials(knex: Knex, origin: RequestOrigin): Promise<never> {
  return refuseCredentials(knex, 'malformed', origin);
}

/**
 * Resolves a bearer token. The operator's bootstrap token (ADMIN_TOKEN) is admin;
 * anything else must be an unrevoked token from the table. No header means anonymous.
 * An unknown or revoked token is audited and refused alike (the client is not told which).
 */
export async function authenticate(
  knex: Knex,
  bearer: string | undefined,
  bootstrapAdmin: string | undefined,
  origin: RequestOrigin,
): Promise<Principal> {
  if (bearer === undefined) return ANONYMOUS;
  if (bootstrapAdmin && sameSecret(bearer, bootstrapAdmin)) {
    return { kind: 'token', tokenId: null, name: 'bootstrap admin', role: 'admin', agencyId: null };
  }
  const record = await findTokenByHash(knex, hashToken(bearer));
  if (!record) return refuseCredentials(knex, 'unknown', origin);
  if (record.revokedAt) return refuseCredentials(knex, 'revoked', origin, record);
  await touchToken(knex, record.id);
  return {
    kind: 'token',
    tokenId: record.id,
    name: record.name,
    role: record.role,
    agencyId: record.agencyId,
  };
}

export function actorName(p: Principal): string {
  if (p.kind === 'anonymous') return 'anonymous';
  return p.tokenId === null ? p.name : `token:${p.tokenId}:${p.name}`;
}

export function requireAdmin(p: Principal): void {
  if (p.kind === 'anonymous')
    throw new UnauthorizedError('authentication_required', 'A bearer token is required');
  if (p.role !== 'admin') throw new ForbiddenError('admin_only', 'Only an administrator may do this');
}

/** Admins may act on every dataset; a publisher only on datasets its agency is responsible for. */
export function canManage(p: Principal, dataset: Dataset): boolean {
  if (p.kind === 'anonymous') return false;
  if (p.role === 'admin') return true;
  return dataset.agencies.some((a) => a.id === p.agencyId);
}

export function requireManager(p: Principal, dataset: Dataset): void {
  if (p.kind === 'anonymous')
    throw new UnauthorizedError('authentication_required', 'A bearer token is required');
  if (!canManage(p, dataset)) {
    throw new ForbiddenError('not_responsible', `Your agency is not responsible for ${dataset.id}`, {
      dataset: dataset.id,
      agency: p.agencyId,
    });
  }
}
