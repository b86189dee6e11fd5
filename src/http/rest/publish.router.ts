import { Router, type Request } from 'express';
import {
  failureCode,
  getDatasetSummary,
  markDatasetStatus,
  releaseStatus,
  type DatasetStatus,
  withdrawRelease,
} from '../../catalog';
import { ValidationError } from '../../errors';
import { checkReleaseTexts, publishUpload, registerSchema } from '../../ingest';
import { actingOf } from '../acting';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { uploadRateLimit } from '../middleware/rate-limits';
import { pathParam, queryBool, queryString } from '../params';
import { datasetJson, releaseJson, schemaVersionJson } from '../presenters/catalog';
import { uploadBody } from '../upload-body';

function instant(req: Request, name: string): Date | undefined {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return undefined;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(raw) || Number.isNaN(d.getTime())) {
    throw new ValidationError('invalid_parameter', `${name} must be an ISO 8601 date-time with a zone`, {
      parameter: name,
      value: raw,
    });
  }
  return d;
}

function required(req: Request, name: string): string {
  const v = queryString(req, name);
  if (v === undefined || v.trim() === '') {
    throw new ValidationError('invalid_parameter', `Parameter ${name} is required`, { parameter: name });
  }
  return v.trim();
}

/**
 * Publishing over HTTP: each route reads the request, calls one service (which authorizes,
 * writes and audits in one transaction) and answers.
 */
export function publishRouter(deps: HttpDeps): Router {
  const { db } = deps;
  const r = Router();

  r.post('/datasets/:datasetId/releases', uploadRateLimit(deps), async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const period = required(req, 'period');
    const dryRun = queryBool(req, 'dryRun', false);
    try {
      const outcome = await publishUpload(db, actingOf(req, res, deps), {
        datasetId,
        period,
        dryRun,
        // A correction can name the 纠错 report it fixes; checked before the upload is read.
        fixesReport: queryString(req, 'fixesReport') || undefined,
        limitBytes: deps.config.uploadLimitBytes,
        read: async () => {
          const revise = queryBool(req, 'revise', false);
          // Before the body: a 500 MB upload is not read only to be refused for its note.
          checkReleaseTexts({ note: queryString(req, 'note'), reason: queryString(req, 'reason') });
          const body = await uploadBody(req, deps.config.uploadLimitBytes);
          return {
            ...body,
            note: queryString(req, 'note') ?? null,
            publishAt: instant(req, 'publishAt'),
            revise: revise ? { reason: queryString(req, 'reason') ?? '' } : undefined,
          };
        },
      });
      if (outcome.kind === 'dry_run') {
        res.status(200).json({ data: { report: outcome.report } });
        return;
      }
      const rel = outcome.release;
      deps.metrics?.uploadPublished(rel.rowCount);
      res
        .status(201)
        .location(`/api/v1/datasets/${datasetId}/releases/${rel.period}/data.csv?revision=${rel.revision}`)
        .json({
          data: releaseJson(rel, releaseStatus(rel, [rel], deps.now())),
          meta: { report: outcome.report },
        });
    } catch (err) {
      deps.metrics?.uploadRejected(failureCode(err));
      // The body may be half-read when we answer an error; never reuse such a connection.
      res.setHeader('Connection', 'close');
      throw err;
    }
  });

  const json = jsonBody();

  r.post('/datasets/:datasetId/schema/versions', json, async (req, res) => {
    const reg = await registerSchema(db, actingOf(req, res, deps), pathParam(req, 'datasetId'), req.body, {
      allowMajor: queryBool(req, 'major', false),
    });
    // Unchanged: nothing was stored, and the answer says which version already says it.
    res.status(reg.stored ? 201 : 200).json({
      data: schemaVersionJson(reg.version),
      meta: { level: reg.level, changes: reg.changes },
    });
  });

  r.put('/datasets/:datasetId/status', json, async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      status?: DatasetStatus;
      date?: string;
      reason?: string;
    };
    await markDatasetStatus(db.knex, actingOf(req, res, deps), datasetId, {
      status: body.status as DatasetStatus,
      date: body.date,
      reason: body.reason,
    });
    const summary = await getDatasetSummary(db.knex, datasetId, deps.now());
    res.json({ data: datasetJson(summary), meta: { datasetStatus: summary.dataset.status } });
  });

  // A withdrawal is a sub-resource of one revision, addressed as its data.csv is. POST, not
  // DELETE: the release stays stored (a tombstone) and the reason travels in a JSON body.
  r.post('/datasets/:datasetId/releases/:period/withdrawal', json, async (req, res) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { reason?: unknown };
    const acting = actingOf(req, res, deps);
    const now = acting.now;
    const out = await withdrawRelease(db.knex, acting, {
      datasetId: pathParam(req, 'datasetId'),
      period: pathParam(req, 'period'),
      revision: queryString(req, 'revision'),
      reason: body.reason,
    });
    const { current } = out;
    res.json({
      data: releaseJson(out.release, releaseStatus(out.release, out.period, now)),
      meta: { current: current ? releaseJson(current, releaseStatus(current, out.period, now)) : null },
    });
  });

  return r;
}
