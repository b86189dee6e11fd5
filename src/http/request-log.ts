import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Principal } from '../catalog';
import type { Logger } from '../observability';
import { routeLabel } from './route-label';

/** Who made the request, by name only: a token's name, never the token. Null: not authenticated. */
function principalName(res: Response): string | null {
  const p = res.locals.principal as Principal | undefined;
  if (!p) return null;
  return p.kind === 'token' ? p.name : 'anonymous';
}

function facts(req: Request, res: Response) {
  return { route: routeLabel(req), status: res.statusCode, principal: principalName(res) };
}

/**
 * One JSON line per request when it ends: request id (the X-Request-Id answered), method,
 * URL, client address, route template, status, principal and duration. Headers are never
 * serialised, so neither the Authorization header nor a token can reach the log; request
 * bodies are never logged either. `req.log` is there for handlers (with the request id)
 * even when `enabled` is false.
 */
export function requestLog(logger: Logger, enabled: boolean): RequestHandler {
  if (!enabled) return handlerLogOnly(logger);
  const middleware = pinoHttp({
    logger,
    autoLogging: enabled,
    quietReqLogger: true,
    genReqId: (_req, res) => String((res as Response).locals?.requestId ?? ''),
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    wrapSerializers: true,
    serializers: {
      req: (r: { method: string; url: string; remoteAddress?: string }) => ({
        method: r.method,
        url: r.url,
        remoteAddress: r.remoteAddress,
      }),
      res: () => undefined,
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, val: object) => ({
      ...val,
      ...facts(req as Request, res as Response),
    }),
    customErrorObject: (req, res, _err, val: object) => ({
      ...val,
      ...facts(req as Request, res as Response),
    }),
  });
  return middleware as unknown as RequestHandler;
}

/**
 * Without request lines, pino-http would still make a child logger and serialise the
 * request for every request; `req.log` is only made when a handler logs something.
 */
function handlerLogOnly(logger: Logger): RequestHandler {
  return (req, res, next) => {
    Object.defineProperty(req, 'log', {
      configurable: true,
      get() {
        const log = logger.child({ requestId: String(res.locals.requestId ?? '') });
        Object.defineProperty(req, 'log', { configurable: true, value: log });
        return log;
      },
    });
    next();
  };
}
