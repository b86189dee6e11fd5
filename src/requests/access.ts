import type { Knex } from 'knex';
import { auditActing, type Acting, type Principal } from '../catalog';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { InfoRequest } from './types';

export type { Acting };

/** A request is handled by the agency it is routed to (any of its publishers) or an admin. */
export function canHandle(p: Principal, r: InfoRequest): boolean {
  if (p.kind === 'anonymous') return false;
  return p.role === 'admin' || p.agencyId === r.agency.id;
}

export function requireHandler(p: Principal, r: InfoRequest): void {
  if (p.kind === 'anonymous')
    throw new UnauthorizedError('authentication_required', 'A bearer token is required');
  if (!canHandle(p, r)) {
    throw new ForbiddenError('not_responsible', `Request ${r.trackingNumber} is routed to another agency`, {
      trackingNumber: r.trackingNumber,
      agency: p.agencyId,
    });
  }
}

/** The agency whose queue a principal reads: its own, or for an admin the one asked for (or all). */
export function queueAgency(p: Principal, asked: string | undefined): string | undefined {
  if (p.kind === 'anonymous')
    throw new UnauthorizedError('authentication_required', 'A bearer token is required');
  if (p.role === 'admin') return asked;
  if (asked !== undefined && asked !== p.agencyId) {
    throw new ForbiddenError('not_responsible', 'A publisher reads only its own agency’s queue', {
      agency: asked,
    });
  }
  return p.agencyId ?? undefined;
}

/** The audit entry of a request's state change (see auditActing). */
export const auditRequest = (trx: Knex, a: Acting, action: string, detail: Record<string, unknown>) =>
  auditActing(trx, a, action, detail);
