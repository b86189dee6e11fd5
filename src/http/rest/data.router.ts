import { Router, type Request, type Response } from 'express';
import { datasetSnapshot } from '../../catalog';
import { NotFoundError } from '../../errors';
import { cancelOnHangUp, readsCancelledBy } from '../../db';
import { EXPORT_ENCODINGS, EXPORT_FORMATS, HEADER_STYLES, exportRows, type ExportFormat } from '../../export';
import { aggregateRows, queryRows, resolveScope, type ReleaseScope } from '../../query';
import { handleConditional, statusHeader } from '../conditional';
import type { HttpDeps } from '../deps';
import { parseAsOf, pathParam, queryBool, queryEnum, queryString } from '../params';
import { isLabelColumn, labelRow, withLabelColumns } from '../../schemas';
import { dataMeta, fieldJson, labelColumnJson } from '../presenters/data';
import { dataTail, jsonBytes, sendJsonWithData, sendJsonWithDataParts } from '../json-body';
import { fillInstant, instantTemplate } from '../instant-template';
import { aggregateQueryFrom, labelsWanted, rowQueryFrom, versionSelector } from './row-params';
import { withParam } from '../url-params';
import { revisionParam, selectPeriodRelease } from '../release-selection';
import { RestResponseCache, renderedFor, type CachedAnswer } from './response-cache';
import { countBytes, sendStream } from '../stream-response';
import { releaseFileUrl } from './release-files.router';

function selfUrl(req: Request): string {
  return req.originalUrl;
}

function nextLink(req: Request, cursor: string): string {
  return withParam(req.originalUrl, 'cursor', cursor);
}

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function dataRouter(deps: HttpDeps): Router {
  const { db } = deps;
  const r = Router();

  const cache = deps.config.restResponseCache ? new RestResponseCache() : undefined;

  /**
   * Answers a data request from the cache or from `compute`. With the cache on, the scope
   * is resolved first: a conditional request is answered 304 and a repeated one from
   * memory before any data is read. Either way the validators and `meta` describe the scope
   * of this request, and an answer is stored under the scope it was computed from.
   * `rest` gives the members after `data`, for this request's scope.
   */
  async function answer(
    req: Request,
    res: Response,
    endpoint: string,
    compute: () => Promise<{ scope: ReleaseScope; answer: CachedAnswer }>,
    rest: (scope: ReleaseScope, a: CachedAnswer) => Record<string, unknown>,
  ): Promise<void> {
    if (cache) {
      const scope = await resolveScope(
        db.knex,
        pathParam(req, 'datasetId'),
        versionSelector(req),
        deps.now(),
      );
      const hit = cache.get(cache.key(endpoint, scope, req));
      if (hit) res.setHeader('X-Cache', 'hit');
      if (handleConditional(req, res, scope)) return;
      if (hit) return sendStored(req, res, scope, hit, rest);
    }
    const computed = await compute();
    if (cache) {
      cache.set(cache.key(endpoint, computed.scope, req), computed.answer);
      res.setHeader('X-Cache', 'miss');
    }
    if (handleConditional(req, res, computed.scope)) return;
    sendJsonWithData(res, computed.answer.data, rest(computed.scope, computed.answer));
  }

  /**
   * A hit: the members after `data` depend on the instant served only through `asOf` (and
   * the citation, which names it), so they are rendered once per URL and catalog state and
   * the instant is filled in for each request.
   */
  function sendStored(
    req: Request,
    res: Response,
    scope: ReleaseScope,
    stored: CachedAnswer,
    rest: (scope: ReleaseScope, a: CachedAnswer) => Record<string, unknown>,
  ): void {
    const url = req.originalUrl;
    let template = renderedFor(stored, url, scope);
    if (!template) {
      template = instantTemplate((asOf) => dataTail(rest({ ...scope, asOf }, stored)));
      if (!template) return sendJsonWithData(res, stored.data, rest(scope, stored));
      stored.rendered = {
        url,
        dataset: scope.dataset,
        version: scope.version,
        lastModified: scope.lastModified?.getTime(),
        template,
      };
    }
    sendJsonWithDataParts(res, stored.data, fillInstant(template, scope.asOf));
  }

  r.get('/datasets/:datasetId/rows', async (req, res) => {
    await answer(
      req,
      res,
      'rows',
      async () => {
        const labels = labelsWanted(req);
        const page = await queryRows(
          readsCancelledBy(db, cancelOnHangUp(res)),
          pathParam(req, 'datasetId'),
          rowQueryFrom(req),
          deps.now(),
        );
        const columns = labels ? withLabelColumns(page.fields) : undefined;
        const meta = {
          fields: page.fields.map(fieldJson),
          ...(columns ? { labelColumns: columns.filter(isLabelColumn).map(labelColumnJson) } : {}),
          count: page.rows.length,
          ...(page.total ? { total: page.total.value, totalExact: page.total.exact } : {}),
        };
        const rows = columns ? page.rows.map((row) => labelRow(row, columns)) : page.rows;
        return {
          scope: page.scope,
          answer: { data: jsonBytes(rows), meta, nextCursor: page.nextCursor },
        };
      },
      (scope, a) => ({
        meta: { ...dataMeta(scope, selfUrl(req)), ...a.meta },
        links: { self: selfUrl(req), next: a.nextCursor ? nextLink(req, a.nextCursor) : null },
      }),
    );
  });

  r.get('/datasets/:datasetId/aggregate', async (req, res) => {
    await answer(
      req,
      res,
      'aggregate',
      async () => {
        const result = await aggregateRows(
          readsCancelledBy(db, cancelOnHangUp(res)),
          pathParam(req, 'datasetId'),
          aggregateQueryFrom(req),
          deps.now(),
        );
        const meta = {
          groupBy: result.groupBy.map(fieldJson),
          ...(result.rollup
            ? {
                rollup: {
                  field: result.rollup.field.name,
                  from: result.rollup.from,
                  to: result.rollup.to,
                  rule: result.rollup.rule,
                },
              }
            : {}),
          count: result.groups.length,
          truncated: result.truncated,
        };
        return { scope: result.scope, answer: { data: jsonBytes(result.groups), meta } };
      },
      (scope, a) => ({ meta: { ...dataMeta(scope, selfUrl(req)), ...a.meta } }),
    );
  });

  r.get('/datasets/:datasetId/export.:format', async (req, res) => {
    const format = pathParam(req, 'format');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new NotFoundError('export_format_not_found', `No export format ${format}`, {
        parameter: 'format',
        allowed: EXPORT_FORMATS,
      });
    }
    const result = await exportRows(
      db,
      pathParam(req, 'datasetId'),
      { ...rowQueryFrom(req), cursor: undefined },
      {
        format: format as ExportFormat,
        bom: queryBool(req, 'bom', false),
        encoding: queryEnum(req, 'encoding', EXPORT_ENCODINGS) ?? 'utf-8',
        header: queryEnum(req, 'header', HEADER_STYLES) ?? 'name',
        escapeFormulas: queryBool(req, 'escapeFormulas', true),
        labels: labelsWanted(req),
      },
      deps.now(),
    );
    res.setHeader('X-Dataset-Status', statusHeader(result.scope));
    if (handleConditional(req, res, result.scope)) return;
    res.setHeader('Content-Type', result.contentType);
    res.setHeader('Content-Disposition', contentDisposition(result.filename));
    const body = await result.open();
    countBytes(body, (bytes) => deps.metrics?.exported(format, bytes));
    sendStream(req, res, body);
  });

  r.get('/datasets/:datasetId/releases/:period/data.csv', async (req, res) => {
    const snapshot = await datasetSnapshot(db.knex, pathParam(req, 'datasetId'));
    const { dataset } = snapshot;
    const now = deps.now();
    // A past instant reproduces what this URL served then; a withdrawal only changes the present.
    const asOf = parseAsOf(queryString(req, 'asOf'));
    const at = asOf && asOf < now ? asOf : now;
    const release = selectPeriodRelease(snapshot, pathParam(req, 'period'), revisionParam(req), { at, now });
    const { period } = release;
    // The bytes live at an address made of their checksum, which a CDN may keep for ever;
    // this URL only says which release is meant now. 307: GET stays GET, HEAD stays HEAD.
    res.setHeader('X-Content-SHA256', release.sha256);
    res.setHeader('X-Dataset-Status', statusHeader(await resolveScope(db.knex, dataset.id, {}, now)));
    // Which release this URL names can change (a correction, a withdrawal), and that must
    // reach every cache at its next request; only a read as of the past is final.
    res.setHeader(
      'Cache-Control',
      at < now ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    );
    // A client that holds these bytes already is told so here, saving the redirect's round trip.
    if ((req.get('if-none-match') ?? '').includes(release.sha256)) {
      res.setHeader('ETag', `"${release.sha256}"`);
      res.status(304).end();
      return;
    }
    res.redirect(307, releaseFileUrl(release.sha256, `${dataset.id}_${period}_r${release.revision}.csv`));
  });

  return r;
}
