import type { Request, RequestHandler, Response } from 'express';
import { ValidationError } from '../../errors';
import { exportRows } from '../../export';
import { MAX_OFFSET } from '../../query';
import { handleConditional, statusHeader } from '../conditional';
import type { HttpDeps } from '../deps';
import { parseAsOf, pathParam, queryOf } from '../params';
import { countBytes, sendStream } from '../stream-response';
import { readInstant } from './action';
import { ActionParams } from './action-params';
import { resourceRowQuery } from './datastore-query';
import { datastoreField } from './presenters/datastore';
import { findResource } from './resources';

/** CKAN's dump formats but XML, which no client of ours has asked for. */
const DUMP_FORMATS = ['csv', 'tsv', 'json'] as const;
type DumpFormat = (typeof DUMP_FORMATS)[number];

function dumpFormat(params: ActionParams): DumpFormat {
  const v = params.string('format') ?? 'csv';
  if (!(DUMP_FORMATS as readonly string[]).includes(v)) {
    throw new ValidationError('invalid_parameter', `format must be one of ${DUMP_FORMATS.join(', ')}`, {
      parameter: 'format',
      value: v,
      allowed: DUMP_FORMATS,
    });
  }
  return v as DumpFormat;
}

/**
 * `GET /datastore/dump/{resource_id}`: the whole resource as a file, with CKAN's parameters
 * (format, bom, filters, q, fields, sort, offset, limit). It is REST's export (COPY,
 * streamed, formula-escaped CSV), so it answers errors as REST does: 400 and 404, the
 * statuses CKAN's dump gives. JSON is CKAN's `{"fields": […], "records": [[…], …]}`.
 */
export function dumpHandler(deps: HttpDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const id = pathParam(req, 'resourceId');
    const params = new ActionParams(queryOf(req));
    const asOf = parseAsOf(params.string('asOf'));
    const now = deps.now();
    const { snapshot, release } = await findResource(deps.db.knex, id, readInstant(asOf, now));
    const format = dumpFormat(params);
    const limit = params.has('limit')
      ? params.int('limit', { fallback: 0, min: 0, max: Number.MAX_SAFE_INTEGER })
      : undefined;
    const result = await exportRows(
      deps.db,
      snapshot.dataset.id,
      resourceRowQuery(params, asOf, release),
      {
        format,
        bom: params.bool('bom', false),
        encoding: 'utf-8',
        header: 'name',
        escapeFormulas: true,
        jsonRows: 'lists',
        jsonFrame: (fields) => ({
          before: `{"fields":${JSON.stringify(fields.map(datastoreField))},"records":`,
          after: '}\n',
        }),
        offset: params.int('offset', { fallback: 0, min: 0, max: MAX_OFFSET }),
        limit,
      },
      now,
    );
    res.setHeader('X-Dataset-Status', statusHeader(result.scope));
    if (handleConditional(req, res, result.scope)) return;
    res.setHeader('Content-Type', result.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${id}.${format}"`);
    const body = await result.open();
    countBytes(body, (bytes) => deps.metrics?.exported(`ckan_${format}`, bytes));
    sendStream(req, res, body);
  };
}
