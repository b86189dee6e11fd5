import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { currentSchemaOf, datasetSnapshot, getDatasetSummary } from '../../catalog';
import { Lru } from '../../cache';
import { publicFields } from '../../schemas';
import { baseUrl } from '../base-url';
import type { HttpDeps } from '../deps';
import { pathParam } from '../params';
import { publicCatalog } from './catalog-source';
import { dcatCatalog } from './dcat-graph';
import { schemaOrgDataset } from './schema-org';
import { turtleOf } from './serialise';
import { linkedUrls } from './urls';

export const JSON_LD = 'application/ld+json';
export const TURTLE = 'text/turtle';

type Format = 'jsonld' | 'ttl';
const CONTENT_TYPE: Record<Format, string> = {
  jsonld: `${JSON_LD}; charset=utf-8`,
  ttl: `${TURTLE}; charset=utf-8`,
};

/** Stands for the request's origin while the shared Turtle is made (`.invalid` is reserved). */
const PLACEHOLDER_ORIGIN = 'https://origin.invalid';

/**
 * An origin as it may stand inside a Turtle IRI or string: characters IRIREF forbids (and
 * quotes and backslashes) are percent-encoded, so a strange Host header cannot break out.
 */
const IRI_FORBIDDEN = '<>"{}|^`\\';
const iriSafe = (origin: string) =>
  [...origin]
    .map((c) =>
      c.charCodeAt(0) <= 0x20 || IRI_FORBIDDEN.includes(c)
        ? `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`
        : c,
    )
    .join('');

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 27);

/** Sends `body` with a strong ETag of its source, or 304 when the client already holds it. */
function sendValidated(req: Request, res: Response, etag: string, contentType: string, body: () => string) {
  res.setHeader('ETag', etag);
  // Public now may change the moment an embargo lifts, so caches always revalidate.
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  const inm = req.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', contentType);
  res.send(body());
}

/**
 * DCAT-AP 2.1 for harvesters (/catalog.jsonld, /catalog.ttl, and /catalog by content
 * negotiation) and schema.org per dataset (/api/v1/datasets/{id}.jsonld). Everything
 * here is built from what is public at the moment of the request.
 */
export function linkedDataRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  // Turtle costs a pass through jsonld.js and n3 (about a second for the whole catalogue).
  // It is made once per public state, whatever host a request names: the graph is built on
  // a placeholder origin and each answer puts its own in. Concurrent requests share one
  // conversion; without either, a client rotating Host headers would buy a second each.
  const turtles = new Lru<Promise<string>>(4, 4);

  async function sendCatalog(req: Request, res: Response, format: Format) {
    const base = baseUrl(req, deps);
    const catalog = await publicCatalog(knex, deps.now());
    if (format === 'jsonld') {
      const json = JSON.stringify(dcatCatalog(catalog, linkedUrls(base)));
      sendValidated(req, res, `"${digest(json)}-jsonld"`, CONTENT_TYPE.jsonld, () => json);
      return;
    }
    const doc = dcatCatalog(catalog, linkedUrls(PLACEHOLDER_ORIGIN));
    const source = digest(JSON.stringify(doc));
    const origin = iriSafe(base);
    const etag = `"${source}-${digest(origin)}-ttl"`;
    let turtle: string | undefined;
    if (req.get('if-none-match') !== etag) {
      let pending = turtles.get(source);
      if (pending === undefined) {
        pending = turtleOf(doc);
        turtles.set(source, pending, 1);
        pending.catch(() => turtles.delete(source));
      }
      turtle = (await pending).replaceAll(PLACEHOLDER_ORIGIN, origin);
    }
    sendValidated(req, res, etag, CONTENT_TYPE.ttl, () => turtle ?? '');
  }

  r.get('/catalog.jsonld', (req, res) => sendCatalog(req, res, 'jsonld'));
  r.get('/catalog.ttl', (req, res) => sendCatalog(req, res, 'ttl'));
  // The old page address stays a redirect for browsers; harvesters asking for RDF get it.
  r.get('/catalog', async (req, res, next) => {
    res.vary('Accept');
    const wanted = req.accepts(['text/html', JSON_LD, TURTLE]);
    if (wanted === JSON_LD) return sendCatalog(req, res, 'jsonld');
    if (wanted === TURTLE) return sendCatalog(req, res, 'ttl');
    next();
  });

  r.get('/api/v1/datasets/:datasetId.jsonld', async (req, res) => {
    const summary = await getDatasetSummary(knex, pathParam(req, 'datasetId'), deps.now());
    const d = summary.dataset;
    const version = currentSchemaOf(await datasetSnapshot(knex, d.id));
    const doc = schemaOrgDataset(summary, version ? publicFields(version.schema) : [], baseUrl(req, deps));
    const json = JSON.stringify(doc);
    sendValidated(req, res, `"${digest(json)}"`, CONTENT_TYPE.jsonld, () => json);
  });

  return r;
}
