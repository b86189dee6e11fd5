import { Router, type Request } from 'express';
import { canManage, getDataset, interpretationsOf, releaseOfPeriod, setInterpretation } from '../../catalog';
import { NotFoundError } from '../../errors';
import { actingOf } from '../acting';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { pathParam, queryInt } from '../params';
import { interpretationJson } from '../presenters/catalog';

const revisionOf = (req: Request) => {
  const n = queryInt(req, 'revision', 0, 1, 1_000_000);
  return n === 0 ? undefined : n;
};

/** 解读 of a release: read by anyone once the release is public; written by its agencies. */
export function interpretationsRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();

  r.get('/datasets/:datasetId/releases/:period/interpretation', async (req, res) => {
    const release = await releaseOfPeriod(knex, pathParam(req, 'datasetId'), {
      period: pathParam(req, 'period'),
      revision: revisionOf(req),
      includeScheduled: false,
      now: deps.now(),
    });
    const found = (await interpretationsOf(knex, [release.id])).get(release.id);
    if (!found) {
      throw new NotFoundError('interpretation_not_found', `Release ${release.id} has no interpretation`, {
        release: release.id,
      });
    }
    res.json({
      data: {
        release: release.id,
        period: release.period,
        revision: release.revision,
        ...interpretationJson(found),
      },
    });
  });

  r.put('/datasets/:datasetId/releases/:period/interpretation', jsonBody(), async (req, res) => {
    const a = actingOf(req, res, deps);
    const dataset = await getDataset(knex, pathParam(req, 'datasetId'));
    const release = await releaseOfPeriod(knex, dataset.id, {
      period: pathParam(req, 'period'),
      revision: revisionOf(req),
      includeScheduled: canManage(a.principal, dataset),
      now: a.now,
    });
    const saved = await setInterpretation(knex, a, release, req.body);
    res.json({
      data: {
        release: release.id,
        period: release.period,
        revision: release.revision,
        ...interpretationJson(saved),
      },
    });
  });

  return r;
}
