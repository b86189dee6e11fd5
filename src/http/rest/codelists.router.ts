import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { findCodeList, listCodeLists } from '../../catalog';
import { NotFoundError } from '../../errors';
import type { HttpDeps } from '../deps';
import { pathParam } from '../params';
import { codeListCsv, codeListJson, codeListSummaryJson } from '../presenters/codelists';

/**
 * Code lists are small and change only with a release of the code or an agency added, so
 * the validator is the hash of the body itself: whatever changes it changes the ETag.
 */
function sendWithEtag(req: Request, res: Response, contentType: string, body: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  const inm = req.get('if-none-match');
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.type(contentType).send(body);
}

export function codeListsRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();

  r.get('/codelists', async (req, res) => {
    const lists = await listCodeLists(knex);
    const body = { data: lists.map(codeListSummaryJson), meta: { total: lists.length } };
    sendWithEtag(req, res, 'application/json; charset=utf-8', JSON.stringify(body));
  });

  r.get('/codelists/:name', async (req, res) => {
    const requested = pathParam(req, 'name');
    const csv = requested.endsWith('.csv');
    const name = csv ? requested.slice(0, -'.csv'.length) : requested;
    const list = await findCodeList(knex, name);
    if (!list) {
      const known = (await listCodeLists(knex)).map((l) => l.name);
      throw new NotFoundError('codelist_not_found', `No code list named ${name}`, {
        codelist: name,
        allowed: known,
      });
    }
    if (csv) {
      res.setHeader('Content-Disposition', `attachment; filename="${list.name}.csv"`);
      sendWithEtag(req, res, 'text/csv; charset=utf-8', codeListCsv(list));
    } else {
      const body = { data: codeListJson(list), meta: { count: list.entries.length } };
      sendWithEtag(req, res, 'application/json; charset=utf-8', JSON.stringify(body));
    }
  });

  return r;
}
