import { Router, type Request, type Response } from 'express';
import {
  getDataset,
  listSchemaVersions,
  noSchema,
  currentReleases,
  listReleases,
  type Dataset,
  type ReleaseRecord,
  type SchemaVersion,
} from '../../catalog';
import { NotFoundError } from '../../errors';
import { releasesBytes } from '../../export';
import { baseUrl } from '../base-url';
import { sendWithBodyEtag } from '../body-etag';
import { statusMarkHeader } from '../conditional';
import type { HttpDeps } from '../deps';
import { pathParam } from '../params';
import { revisionParam, selectPeriodRelease } from '../release-selection';
import { datasetPackage, releasePackage, type PackagedRelease } from './data-package';

function currentVersion(d: Dataset, versions: readonly SchemaVersion[]): SchemaVersion {
  const current = versions.find((v) => v.version === d.currentVersion);
  if (!current) throw noSchema(d.id);
  return current;
}

function sendPackage(req: Request, res: Response, d: Dataset, descriptor: object): void {
  res.setHeader('X-Dataset-Status', statusMarkHeader(d.status));
  sendWithBodyEtag(req, res, 'application/json; charset=utf-8', JSON.stringify(descriptor, null, 2));
}

/** Frictionless Data Packages of a dataset and of each of its public releases. */
export function packagesRouter(deps: HttpDeps): Router {
  const { db } = deps;
  const r = Router();

  async function packaged(
    releases: readonly ReleaseRecord[],
    versions: readonly SchemaVersion[],
    now: Date,
  ): Promise<PackagedRelease[]> {
    const bytes = await releasesBytes(db, releases, now);
    return releases.map((release, i) => ({
      release,
      version: versions.find((v) => v.id === release.schemaVersionId)!,
      bytes: bytes[i]!,
    }));
  }

  r.get('/datasets/:datasetId/datapackage.json', async (req, res) => {
    const now = deps.now();
    const dataset = await getDataset(db.knex, pathParam(req, 'datasetId'));
    const versions = await listSchemaVersions(db.knex, dataset.id);
    const current = currentVersion(dataset, versions);
    const releases = currentReleases(
      await listReleases(db.knex, dataset.id, { includeScheduled: false, now }),
      now,
    );
    // The Data Package profile requires at least one resource.
    if (releases.length === 0) {
      throw new NotFoundError('no_published_release', `Dataset ${dataset.id} has no published release yet`, {
        dataset: dataset.id,
      });
    }
    const parts = await packaged(releases, versions, now);
    sendPackage(req, res, dataset, datasetPackage(baseUrl(req, deps), dataset, current, parts));
  });

  r.get('/datasets/:datasetId/releases/:period/datapackage.json', async (req, res) => {
    const now = deps.now();
    const dataset = await getDataset(db.knex, pathParam(req, 'datasetId'));
    // The release data.csv serves now: the named revision or the current one; a withdrawn one is gone (410).
    const release = await selectPeriodRelease(
      db.knex,
      dataset,
      pathParam(req, 'period'),
      revisionParam(req),
      {
        at: now,
        now,
      },
    );
    const versions = await listSchemaVersions(db.knex, dataset.id);
    const [part] = await packaged([release], versions, now);
    sendPackage(
      req,
      res,
      dataset,
      releasePackage(baseUrl(req, deps), dataset, currentVersion(dataset, versions), part!),
    );
  });

  return r;
}
