import { Router, type Request } from 'express';
import { canManage, getDataset, interpretationsOf, releaseOfPeriod, setInterpretation } from '../../catalog';
import { NotFoundError } from '../../errors';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { principalOf } from '../middleware/auth';
import { pathParam, queryInt } from '../params';
import { interpretationJson } from '../presenters/catalog';
import { requestOrigin } from '../request-origin';

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
    const p = principalOf(res);
    const now = deps.now();
    const dataset = await getDataset(knex, pathParam(req, 'datasetId'));
    const release = await releaseOfPeriod(knex, dataset.id, {
      period: pathParam(req, 'period'),
      revision: revisionOf(req),
      includeScheduled: canManage(p, dataset),
      now,
    });
    const saved = await setInterpretation(knex, p, release, req.body, {
      now,
      origin: requestOrigin(req, res),
    });
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
