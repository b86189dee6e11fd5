import type { Request } from 'express';
import type { HttpDeps } from '../deps';
import type { ActionParams } from './action-params';

/** What an action is called with: its data dict and the request it came in. */
export interface ActionContext {
  deps: HttpDeps;
  params: ActionParams;
  req: Request;
  /** The site's public origin, for the absolute URLs of resources. */
  base: string;
  now: Date;
}

/** An action returns CKAN's `result`; the router wraps it in `{help, success, result}`. */
export type Action = (ctx: ActionContext) => Promise<unknown>;

/**
 * The instant a read is made as of: `asOf` when given and not in the future (an embargo
 * cannot be read early by asking for a later instant), else now.
 */
export function readInstant(asOf: Date | undefined, now: Date): Date {
  return asOf && asOf < now ? asOf : now;
}
