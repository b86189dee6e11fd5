import { Router, type Request, type Response } from 'express';
import {
  currentReleases,
  currentSchemaOf,
  datasetSnapshot,
  noSchema,
  releasesIn,
  type Dataset,
  type DatasetSnapshot,
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

function currentVersion(s: DatasetSnapshot): SchemaVersion {
  const current = currentSchemaOf(s);
  if (!current) throw noSchema(s.dataset.id);
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

  /** Each release with its own schema version and its size. */
  async function packaged(
    s: DatasetSnapshot,
    releases: readonly ReleaseRecord[],
    now: Date,
  ): Promise<PackagedRelease[]> {
    const bytes = await releasesBytes(db, releases, now);
    return releases.map((release, i) => ({
      release,
      version: s.versions.find((v) => v.id === release.schemaVersionId)!,
      bytes: bytes[i]!,
    }));
  }

  r.get('/datasets/:datasetId/datapackage.json', async (req, res) => {
    const now = deps.now();
    const s = await datasetSnapshot(db.knex, pathParam(req, 'datasetId'));
    const current = currentVersion(s);
    const releases = currentReleases(
      releasesIn(s, { at: now }).map((v) => v.release),
      now,
    );
    // The Data Package profile requires at least one resource.
    if (releases.length === 0) {
      throw new NotFoundError(
        'no_published_release',
        `Dataset ${s.dataset.id} has no published release yet`,
        {
          dataset: s.dataset.id,
        },
      );
    }
    const parts = await packaged(s, releases, now);
    sendPackage(req, res, s.dataset, datasetPackage(baseUrl(req, deps), s.dataset, current, parts));
  });

  r.get('/datasets/:datasetId/releases/:period/datapackage.json', async (req, res) => {
    const now = deps.now();
    const s = await datasetSnapshot(db.knex, pathParam(req, 'datasetId'));
    // The release data.csv serves now: the named revision or the current one; a withdrawn one is gone (410).
    const release = selectPeriodRelease(s, pathParam(req, 'period'), revisionParam(req), { at: now, now });
    const [part] = await packaged(s, [release], now);
    sendPackage(req, res, s.dataset, releasePackage(baseUrl(req, deps), s.dataset, currentVersion(s), part!));
  });

  return r;
}
