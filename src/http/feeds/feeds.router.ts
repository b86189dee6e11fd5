import { Router, type Request, type Response } from 'express';
import {
  feedReleases,
  findAgency,
  getDataset,
  interpretationsOf,
  listDatasetRecords,
  type Dataset,
} from '../../catalog';
import { NotFoundError } from '../../errors';
import { releasesBytes } from '../../export';
import { baseUrl } from '../base-url';
import { sendWithBodyEtag } from '../body-etag';
import type { HttpDeps } from '../deps';
import { pathParam, queryInt } from '../params';
import { atomFeed, type FeedEntry, type FeedHead } from './atom';

export const FEED_DEFAULT_LIMIT = 50;
export const FEED_MAX_LIMIT = 200;

const ALL_RELEASES = { zh: '全部数据发布与更正', en: 'All releases and revisions' };

/**
 * Atom feeds of new releases and revisions: the whole site, one dataset, one agency
 * (every dataset it is named on). Computed for "now" on every request, never cached
 * server-side, so an embargoed release appears the moment it lifts and not before; the
 * ETag over the document lets pollers get a 304.
 */
export function feedsRouter(deps: HttpDeps): Router {
  const { db } = deps;
  const r = Router();

  async function send(
    req: Request,
    res: Response,
    head: Omit<FeedHead, 'self'>,
    datasets: readonly Dataset[],
    all: boolean,
  ): Promise<void> {
    const limit = queryInt(req, 'limit', FEED_DEFAULT_LIMIT, 1, FEED_MAX_LIMIT);
    const now = deps.now();
    const base = baseUrl(req, deps);
    const byId = new Map(datasets.map((d) => [d.id, d]));
    const found = await feedReleases(db.knex, {
      datasetIds: all ? undefined : [...byId.keys()],
      now,
      limit,
    });
    const missing = [...new Set(found.map((f) => f.release.datasetId).filter((id) => !byId.has(id)))];
    for (const d of await Promise.all(missing.map((id) => getDataset(db.knex, id)))) byId.set(d.id, d);
    const [bytes, interpretations] = await Promise.all([
      releasesBytes(
        db,
        found.map((f) => f.release),
        now,
      ),
      interpretationsOf(
        db.knex,
        found.map((f) => f.release.id),
      ),
    ]);
    const entries: FeedEntry[] = found.map((f, i) => ({
      ...f,
      dataset: byId.get(f.release.datasetId)!,
      bytes: bytes[i]!,
      interpretation: interpretations.get(f.release.id),
    }));
    const self = `${base}${req.baseUrl}${req.path}`;
    sendWithBodyEtag(
      req,
      res,
      'application/atom+xml; charset=utf-8',
      atomFeed(base, { ...head, self }, entries),
    );
  }

  async function siteFeed(req: Request, res: Response): Promise<void> {
    const base = baseUrl(req, deps);
    await send(req, res, { title: ALL_RELEASES, page: `${base}/`, updatedFallback: new Date(0) }, [], true);
  }

  r.get('/releases.atom', siteFeed);
  // CKAN's address for its site feed, which harvesters and CKAN users already know.
  r.get('/dataset.atom', siteFeed);

  r.get('/datasets/:datasetId.atom', async (req, res) => {
    const dataset = await getDataset(db.knex, pathParam(req, 'datasetId'));
    const base = baseUrl(req, deps);
    await send(
      req,
      res,
      {
        title: dataset.title,
        page: `${base}/datasets/${encodeURIComponent(dataset.id)}`,
        updatedFallback: new Date(dataset.createdAt),
      },
      [dataset],
      false,
    );
  });

  r.get('/agencies/:agencyId.atom', async (req, res) => {
    const id = pathParam(req, 'agencyId');
    const agency = await findAgency(db.knex, id);
    if (!agency) throw new NotFoundError('agency_not_found', `No agency with id ${id}`, { agency: id });
    const datasets = await listDatasetRecords(db.knex, { agency: agency.id });
    const base = baseUrl(req, deps);
    await send(
      req,
      res,
      {
        title: agency.name,
        page: `${base}/agencies/${encodeURIComponent(agency.id)}`,
        updatedFallback: new Date(0),
      },
      datasets,
      false,
    );
  });

  return r;
}
