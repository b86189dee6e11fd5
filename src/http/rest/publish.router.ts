import { Router, type Request, type Response } from 'express';
import {
  actorName,
  appendAudit,
  getDataset,
  getDatasetSummary,
  markDatasetStatus,
  releaseStatus,
  requireManager,
  type DatasetStatus,
  type Principal,
} from '../../catalog';
import { translateDbError } from '../../db';
import { isAppError, ValidationError } from '../../errors';
import { checkFixableReport, linkFix } from '../../feedback';
import { checkReleaseTexts, ingestUpload, registerSchemaVersion, uploadFormat } from '../../ingest';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { principalOf } from '../middleware/auth';
import { uploadRateLimit } from '../middleware/rate-limits';
import { pathParam, queryBool, queryString } from '../params';
import { datasetJson, releaseJson, schemaVersionJson } from '../presenters/catalog';
import { requestOrigin } from '../request-origin';
import { uploadBody } from '../upload-body';
import { actingOf } from '../acting';

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

export function publishRouter(deps: HttpDeps): Router {
  const { db } = deps;
  const r = Router();

  /** Every write, accepted or refused, leaves an audit entry. */
  async function audited<T>(
    req: Request,
    res: Response,
    action: string,
    subject: { datasetId?: string; period?: string },
    work: (
      p: Principal,
    ) => Promise<T & { releaseId?: number; sha256?: string; detail?: Record<string, unknown> }>,
  ): Promise<T> {
    const p = principalOf(res);
    const base = {
      actor: actorName(p),
      agencyId: p.kind === 'token' ? p.agencyId : null,
      action,
      datasetId: subject.datasetId ?? null,
      period: subject.period ?? null,
      ...requestOrigin(req, res),
    };
    try {
      const out = await work(p);
      await appendAudit(db.knex, {
        ...base,
        outcome: 'success',
        releaseId: out.releaseId,
        sha256: out.sha256,
        detail: out.detail,
      });
      return out;
    } catch (err) {
      const known = translateDbError(err);
      const code = isAppError(known) ? known.code : 'internal_error';
      if (action.startsWith('release.')) deps.metrics?.uploadRejected(code);
      await appendAudit(db.knex, { ...base, outcome: 'rejected', detail: { code } }).catch(() => undefined);
      throw err;
    }
  }

  r.post('/datasets/:datasetId/releases', uploadRateLimit(deps), async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const period = required(req, 'period');
    const dryRun = queryBool(req, 'dryRun', false);
    // A correction can name the 纠错 report it fixes; checked before the upload is read.
    const fixesReport = queryString(req, 'fixesReport') || undefined;
    try {
      const out = await audited(
        req,
        res,
        dryRun ? 'release.validate' : 'release.publish',
        { datasetId, period },
        async (p) => {
          const dataset = await getDataset(db.knex, datasetId);
          requireManager(p, dataset);
          if (fixesReport) await checkFixableReport(db.knex, fixesReport, datasetId, p);
          const revise = queryBool(req, 'revise', false);
          // Before the body: a 500 MB upload is not read only to be refused for its note.
          checkReleaseTexts({ note: queryString(req, 'note'), reason: queryString(req, 'reason') });
          const body = await uploadBody(req, deps.config.uploadLimitBytes);
          const outcome = await ingestUpload(db, {
            datasetId,
            period,
            body: body.stream,
            format: uploadFormat(body.mediaType),
            charset: body.charset,
            limitBytes: deps.config.uploadLimitBytes,
            createdBy: actorName(p),
            note: queryString(req, 'note') ?? null,
            publishAt: instant(req, 'publishAt'),
            revise: revise ? { reason: queryString(req, 'reason') ?? '' } : undefined,
            dryRun,
            now: deps.now(),
          });
          return outcome.kind === 'published'
            ? {
                outcome,
                releaseId: outcome.release.id,
                sha256: outcome.release.sha256,
                detail: { rows: outcome.release.rowCount },
              }
            : { outcome, detail: { valid: outcome.report.valid } };
        },
      );
      if (out.outcome.kind === 'dry_run') {
        res.status(200).json({ data: { report: out.outcome.report } });
        return;
      }
      const rel = out.outcome.release;
      if (fixesReport) await linkFix(db.knex, fixesReport, rel.id, actingOf(req, res, deps));
      deps.metrics?.uploadPublished(rel.rowCount);
      res
        .status(201)
        .location(`/api/v1/datasets/${datasetId}/releases/${rel.period}/data.csv?revision=${rel.revision}`)
        .json({
          data: releaseJson(rel, releaseStatus(rel, [rel], deps.now())),
          meta: { report: out.outcome.report },
        });
    } catch (err) {
      // The body may be half-read when we answer an error; never reuse such a connection.
      res.setHeader('Connection', 'close');
      throw err;
    }
  });

  const json = jsonBody();

  r.post('/datasets/:datasetId/schema/versions', json, async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const out = await audited(req, res, 'schema.register', { datasetId }, async (p) => {
      requireManager(p, await getDataset(db.knex, datasetId));
      const reg = await registerSchemaVersion(db, datasetId, req.body, {
        allowMajor: queryBool(req, 'major', false),
        createdBy: actorName(p),
      });
      return { reg, detail: { version: reg.version.version, level: reg.level } };
    });
    // Unchanged: nothing was stored, and the answer says which version already says it.
    res.status(out.reg.stored ? 201 : 200).json({
      data: schemaVersionJson(out.reg.version),
      meta: { level: out.reg.level, changes: out.reg.changes },
    });
  });

  r.put('/datasets/:datasetId/status', json, async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      status?: DatasetStatus;
      date?: string;
      reason?: string;
    };
    await audited(req, res, 'dataset.status', { datasetId }, async (p) => {
      requireManager(p, await getDataset(db.knex, datasetId));
      await markDatasetStatus(db.knex, datasetId, {
        status: body.status as DatasetStatus,
        date: body.date,
        reason: body.reason,
      });
      return { detail: { status: body.status } };
    });
    const summary = await getDatasetSummary(db.knex, datasetId, deps.now());
    res.json({ data: datasetJson(summary), meta: { datasetStatus: summary.dataset.status } });
  });

  return r;
}
