import type { Request, Response } from 'express';
import type { Acting } from '../catalog';
import type { HttpDeps } from './deps';
import { principalOf } from './middleware/auth';
import { clientKey } from './middleware/rate-limits';
import { refusalOrigin } from './request-origin';

/**
 * Who acts, from where and when, as the domain's audited actions take it, with the budget
 * of refusals this client may leave in the audit log (REFUSAL_AUDIT_LIMIT).
 */
export function actingOf(req: Request, res: Response, deps: HttpDeps): Acting {
  return {
    principal: principalOf(res),
    origin: refusalOrigin(req, res),
    now: deps.now(),
    refusalBudget: {
      key: clientKey(req, res),
      limit: deps.config.refusalAuditLimit,
      windowMs: deps.config.refusalAuditWindowMs,
    },
  };
}
