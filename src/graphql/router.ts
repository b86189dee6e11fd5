import { expressMiddleware } from '@as-integrations/express5';
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Config } from '../config';
import { cancelOnHangUp, readsCancelledBy, type Database } from '../db';
import type { Logger, Metrics } from '../observability';
import { isAppError } from '../errors';
import { jsonDepthVerifier, MAX_JSON_BODY_DEPTH } from '../ingest';
import { createContext } from './context';
import { DocumentGate } from './document-gate';
import { earlyErrorAnswer } from './errors';
import { graphiqlPage, graphiqlPolicy, serveAsset, wantsGraphiQL } from './graphiql';
import { SchemaSource } from './schema-source';
import { createApolloServer } from './server';
import { GraphQLResponseCache, type CacheableRequest } from './response-cache';
import { singleResultType } from './media-types';
import type { DatasetChanges } from '../cache';

export interface GraphQLDeps {
  readonly db: Database;
  readonly config: Config;
  readonly now: () => Date;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Where this process hears that a dataset changed; absent: the schema is re-checked each second. */
  readonly changes?: DatasetChanges;
}

/** A body that is not JSON, or a catalog that cannot be read, still gets a GraphQL-shaped answer. */
const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const early = res.headersSent ? undefined : earlyErrorAnswer(err);
  if (early) {
    if (early.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(early.retryAfterSeconds));
    res.status(early.status).json(early.body);
    return;
  }
  // The depth check throws from body-parser's verify hook, which would stamp it 403.
  if (isAppError(err) && !res.headersSent) {
    res.status(400).json({
      errors: [
        {
          message: err.message,
          extensions: { code: 'BAD_REQUEST', errorCode: err.code, details: err.details },
        },
      ],
    });
    return;
  }
  const status = (err as { status?: number }).status;
  if (res.headersSent || status === undefined || status < 400 || status >= 500) {
    next(err);
    return;
  }
  res.status(status).json({
    errors: [{ message: (err as Error).message, extensions: { code: 'BAD_REQUEST' } }],
  });
};

/** The document of a single (unbatched) request; Apollo answers everything else itself. */
function queryText(req: Request): string | undefined {
  const source: unknown = req.method === 'GET' ? req.query : req.body;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const query = (source as { query?: unknown }).query;
  return typeof query === 'string' ? query : undefined;
}

/**
 * A single GET or POST request as Apollo will read it (GET carries its variables as JSON
 * text), or undefined when Apollo would refuse it or it is anything else.
 */
function cacheableRequest(req: Request): CacheableRequest | undefined {
  const query = queryText(req);
  if (query === undefined || (req.method !== 'GET' && req.method !== 'POST')) return undefined;
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown>;
  // Apollo has its own answers to these (persisted queries are off; a GET must not claim a body).
  if (source.extensions !== undefined) return undefined;
  // Apollo compares the media type's essence (type/subtype, lower case).
  const essence = req.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (req.method === 'GET' && essence !== undefined && essence !== 'application/json') return undefined;
  const { operationName } = source;
  let { variables } = source;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return undefined;
  if (req.method === 'GET' && typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return undefined;
    }
  }
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    return undefined;
  }
  return { query, operationName, variables: variables as Record<string, unknown> | null | undefined };
}

/**
 * POST /graphql and GET /graphql?query=… (queries only; a mutation over GET is 405),
 * GraphiQL for browsers at GET /graphql, and its bundles under /graphql/assets/.
 */
export function graphqlRouter(deps: GraphQLDeps): Router {
  const { knex } = deps.db;
  const logger = deps.logger;
  const source = new SchemaSource(knex, logger ? (m) => logger.warn(`[graphql] ${m}`) : undefined);
  // The response cache needs no hook: its keys hold each dataset's data version, which the
  // invalidated snapshot recomputes. The schema is only re-checked once a second otherwise.
  deps.changes?.subscribe(() => source.invalidate());
  // Started by the first GraphQL request, so an app that never serves one never reads the
  // catalog for it; a failed start is retried with a fresh server by the next request.
  let ready: Promise<RequestHandler> | undefined;
  const answers = deps.config.graphqlResponseCache ? new GraphQLResponseCache() : undefined;
  const started = () =>
    (ready ??= (async () => {
      const apollo = createApolloServer(source, {
        responseCache: answers,
        logger,
        metrics: deps.metrics,
      });
      await apollo.start();
      return expressMiddleware(apollo, {
        context: async ({ req, res }) =>
          createContext(readsCancelledBy(deps.db, cancelOnHangUp(res)), deps.now(), {
            authorization: req.headers.authorization,
            // Where the request came from, should its token be refused (and audited).
            origin: {
              ip: req.ip ?? null,
              userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
              requestId: String(res.locals.requestId ?? ''),
              target: `${req.method} /graphql`,
            },
            config: deps.config,
          }),
      });
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    }));

  /**
   * A query answered before with the same text, operation and variables, over datasets
   * whose state has not changed since, is sent as the bytes Apollo sent then.
   */
  async function answerStored(req: Request, res: Response): Promise<boolean> {
    const request = answers && cacheableRequest(req);
    if (!request) return false;
    const type = singleResultType(req.get('accept'));
    if (!type) return false;
    await source.refresh();
    const stored = await answers.current(
      GraphQLResponseCache.keyOf(request),
      source.current,
      knex,
      deps.now(),
    );
    if (!stored) return false;
    deps.metrics?.cacheLookup('graphql_response', true);
    deps.metrics?.graphqlOperation(stored.operationName, 'query');
    res.status(200);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', stored.body.length);
    res.setHeader('X-GraphQL-Cache', 'hit');
    res.end(stored.body);
    return true;
  }

  const gate = new DocumentGate();
  const handle: RequestHandler = async (req, res, next) => {
    if (wantsGraphiQL(req)) {
      res.setHeader('Vary', 'Accept');
      graphiqlPolicy(req, res, () =>
        res
          .type('html')
          .send(graphiqlPage(req.baseUrl, typeof req.query.query === 'string' ? req.query.query : undefined)),
      );
      return;
    }
    if (await answerStored(req, res)) return;
    const query = queryText(req);
    const refused = query === undefined ? [] : gate.check(query);
    if (refused.length > 0) {
      res.status(400).json({ errors: refused });
      return;
    }
    const middleware = await started();
    await source.refresh();
    await middleware(req, res, next);
  };

  const r = Router();
  r.get('/assets/:file', serveAsset);
  r.all('/', express.json({ limit: '1mb', verify: jsonDepthVerifier(MAX_JSON_BODY_DEPTH) }), handle);
  r.use(bodyErrors);
  return r;
}
