import type { Request, Response } from 'express';
import type { Acting } from '../submissions';
import type { HttpDeps } from './deps';
import { principalOf } from './middleware/auth';
import { requestOrigin } from './request-origin';

/** Who acts on a submission, from where and when, as the domain's audited steps take it. */
export function actingOf(req: Request, res: Response, deps: HttpDeps): Acting {
  return { principal: principalOf(res), origin: requestOrigin(req, res), now: deps.now() };
}
