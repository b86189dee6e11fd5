import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { baseUrl } from '../base-url';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { sendJson } from '../json-body';
import { JSON_BODY_LIMIT } from '../limits';
import { describeError, sendCkanError } from '../middleware/error-handler';
import { pathParam, queryOf } from '../params';
import type { Action } from './action';
import { ActionParams } from './action-params';
import { CATALOG_ACTIONS } from './catalog.actions';
import { datastoreSearch } from './datastore-search';
import { dumpHandler } from './dump';
import { helpShow } from './help.action';
import { packageSearch } from './package-search';

/** CKAN serves the v3 Action API under both prefixes; ckanapi's RemoteCKAN uses the second. */
const ACTION_PREFIXES = ['/api/3/action', '/api/action'] as const;

const helpUrl = (req: Request, deps: HttpDeps, action: string) =>
  `${baseUrl(req, deps)}/api/3/action/help_show?name=${encodeURIComponent(action)}`;

/**
 * The data dict: a POST's JSON object or form, else the query parameters (as CKAN reads
 * them); undefined when a POST's JSON is not an object.
 */
function dataDict(req: Request): Record<string, unknown> | undefined {
  const body: unknown = req.body;
  if (req.method === 'POST' && body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) return undefined;
    if (Object.keys(body).length > 0) return body as Record<string, unknown>;
  }
  return queryOf(req);
}

/**
 * The CKAN Action API (read-only actions) and the DataStore dump. Actions are thin: they
 * read CKAN's parameters and call the same catalogue, query and export services as REST.
 * Errors in actions answer in CKAN's envelope, from the shared error table; the dump is a
 * file download and answers errors as REST's export does.
 */
export function ckanRouter(deps: HttpDeps): Router {
  const actions: Record<string, Action> = {
    ...CATALOG_ACTIONS,
    package_search: packageSearch,
    datastore_search: datastoreSearch,
    help_show: helpShow,
  };

  const run: RequestHandler = async (req, res) => {
    const name = pathParam(req, 'action');
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) {
      // What CKAN answers for an action it does not have, datastore_search_sql included.
      sendCkanError(
        req,
        res,
        {
          kind: 'bad_request',
          code: 'unknown_action',
          message: `Action name not known: ${name}`,
          details: { action: name },
        },
        null,
      );
      return;
    }
    const data = dataDict(req);
    if (!data) {
      sendCkanError(
        req,
        res,
        {
          kind: 'bad_request',
          code: 'invalid_json',
          message: 'JSON Error: the request body must be a JSON object',
          details: null,
        },
        helpUrl(req, deps, name),
      );
      return;
    }
    const result = await action({
      deps,
      params: new ActionParams(data),
      req,
      base: baseUrl(req, deps),
      now: deps.now(),
    });
    sendJson(res, { help: helpUrl(req, deps, name), success: true, result });
  };

  const onError: ErrorRequestHandler = (raw, req, res, next) => {
    if (res.headersSent) {
      next(raw);
      return;
    }
    const name = (req.params as { action?: string }).action;
    sendCkanError(req, res, describeError(raw, req, res), name ? helpUrl(req, deps, name) : null);
  };

  const r = Router();
  const form = express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT, parameterLimit: 1000 });
  for (const prefix of ACTION_PREFIXES) {
    r.get(`${prefix}/:action`, run, onError);
    r.post(`${prefix}/:action`, jsonBody(), form, run, onError);
  }
  r.get('/datastore/dump/:resourceId', dumpHandler(deps));
  return r;
}
