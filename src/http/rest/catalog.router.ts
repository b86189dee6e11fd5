import { Router, type Request } from 'express';
import {
  CADENCES,
  currentSchema,
  datasetSnapshot,
  DATASET_STATUSES,
  findAgency,
  getDataset,
  getDatasetSummary,
  interpretationsOf,
  listAgencies,
  listSchemaVersions,
  releasesIn,
  requireManager,
  schemaVersionOf,
  searchDatasets,
} from '../../catalog';
import { NotFoundError } from '../../errors';
import { formatPeriod, parsePeriod } from '../../periods';
import type { HttpDeps } from '../deps';
import { principalOf } from '../middleware/auth';
import { pathInt, pathParam, queryEnum, queryInt, queryString } from '../params';
import { agencyJson, datasetJson, releaseJson, schemaVersionJson } from '../presenters/catalog';

function pageLinks(req: Request, total: number, limit: number, offset: number) {
  const url = (o: number) => {
    const params = new URLSearchParams(req.query as Record<string, string>);
    params.set('limit', String(limit));
    params.set('offset', String(o));
    return `${req.baseUrl}${req.path}?${params.toString()}`;
  };
  return {
    self: url(offset),
    next: offset + limit < total ? url(offset + limit) : null,
    prev: offset > 0 ? url(Math.max(0, offset - limit)) : null,
  };
}

export function catalogRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();

  r.get('/agencies', async (_req, res) => {
    const agencies = await listAgencies(knex);
    res.json({ data: agencies.map(agencyJson), meta: { total: agencies.length } });
  });

  r.get('/agencies/:agencyId', async (req, res) => {
    const id = pathParam(req, 'agencyId');
    const agency = await findAgency(knex, id);
    if (!agency) throw new NotFoundError('agency_not_found', `No agency with id ${id}`, { agency: id });
    res.json({ data: agencyJson(agency) });
  });

  r.get('/datasets', async (req, res) => {
    const limit = queryInt(req, 'limit', 50, 1, 500);
    const offset = queryInt(req, 'offset', 0, 0, 1_000_000);
    const { items, total, facets } = await searchDatasets(
      knex,
      {
        withFacets: true,
        q: queryString(req, 'q'),
        agency: queryString(req, 'agency') || undefined,
        cadence: queryEnum(req, 'cadence', CADENCES),
        status: queryEnum(req, 'status', DATASET_STATUSES),
        limit,
        offset,
      },
      deps.now(),
    );
    res.json({
      data: items.map(datasetJson),
      meta: { total, limit, offset, facets },
      links: pageLinks(req, total, limit, offset),
    });
  });

  r.get('/datasets/:datasetId', async (req, res) => {
    const summary = await getDatasetSummary(knex, pathParam(req, 'datasetId'), deps.now());
    res.json({ data: datasetJson(summary), meta: { datasetStatus: summary.dataset.status } });
  });

  r.get('/datasets/:datasetId/schema', async (req, res) => {
    const { dataset, version } = await currentSchema(knex, pathParam(req, 'datasetId'));
    // The editing view, with restricted fields, is the responsible agency's alone.
    const includeRestricted = queryEnum(req, 'include', ['restricted'] as const) === 'restricted';
    if (includeRestricted) requireManager(principalOf(res), dataset);
    res.json({
      data: schemaVersionJson(version, { includeRestricted }),
      meta: { datasetStatus: dataset.status },
    });
  });

  r.get('/datasets/:datasetId/schema/versions', async (req, res) => {
    const dataset = await getDataset(knex, pathParam(req, 'datasetId'));
    const versions = await listSchemaVersions(knex, dataset.id);
    res.json({
      data: versions.map((v) => schemaVersionJson(v)),
      meta: { total: versions.length, datasetStatus: dataset.status },
    });
  });

  r.get('/datasets/:datasetId/schema/versions/:version', async (req, res) => {
    const { dataset, version } = await schemaVersionOf(
      knex,
      pathParam(req, 'datasetId'),
      pathInt(req, 'version'),
    );
    res.json({ data: schemaVersionJson(version), meta: { datasetStatus: dataset.status } });
  });

  r.get('/datasets/:datasetId/releases', async (req, res) => {
    const snapshot = await datasetSnapshot(knex, pathParam(req, 'datasetId'));
    const { dataset } = snapshot;
    const periodText = queryString(req, 'period');
    const period = periodText ? formatPeriod(parsePeriod(periodText, dataset.periodKind)) : undefined;
    // Embargoed releases are listed (never their rows) to their own agency and to admins.
    const views = releasesIn(snapshot, { at: deps.now(), principal: principalOf(res), period });
    const interpretations = await interpretationsOf(
      knex,
      views.map((v) => v.release.id),
    );
    const data = views.map((v) => releaseJson(v.release, v.status, interpretations.get(v.release.id)));
    res.json({ data, meta: { total: data.length, datasetStatus: dataset.status } });
  });

  return r;
}
