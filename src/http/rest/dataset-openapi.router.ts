import { Router } from 'express';
import { currentSchema, schemaVersionOf } from '../../catalog';
import { baseUrl } from '../base-url';
import type { HttpDeps } from '../deps';
import { datasetOpenApi } from '../openapi/dataset-document';
import { pathParam, queryInt, queryString } from '../params';

/** `GET /datasets/{id}/openapi.json[?schemaVersion=n]`: the generated contract of one dataset. */
export function datasetOpenApiRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  r.get('/datasets/:datasetId/openapi.json', async (req, res) => {
    const { dataset } = await currentSchema(knex, pathParam(req, 'datasetId'));
    const asked =
      queryString(req, 'schemaVersion') === undefined
        ? undefined
        : queryInt(req, 'schemaVersion', 0, 1, Number.MAX_SAFE_INTEGER);
    const { version } = await schemaVersionOf(
      knex,
      dataset.id,
      asked ?? dataset.currentVersion!,
      'schemaVersion',
    );
    // A version's document never changes; the current one changes with the next version.
    res.setHeader('Cache-Control', asked ? 'public, max-age=86400' : 'public, max-age=0, must-revalidate');
    res.setHeader('X-Schema-Version', String(version.version));
    res
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(datasetOpenApi(dataset, version, baseUrl(req, deps))));
  });
  return r;
}
