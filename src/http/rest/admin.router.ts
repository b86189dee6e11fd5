import { Router } from 'express';
import {
  actorName,
  appendAudit,
  createAgency,
  createDataset,
  createToken,
  findAgency,
  getDatasetSummary,
  listAudit,
  listTokens,
  authorizeAdmin,
  revokeToken,
  type DatasetInput,
  type Role,
  type TokenRecord,
} from '../../catalog';
import { NotFoundError, UnauthorizedError } from '../../errors';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { principalOf } from '../middleware/auth';
import { pathInt, queryInt, queryString } from '../params';
import { agencyJson, datasetJson } from '../presenters/catalog';
import { refusalOrigin, requestOrigin } from '../request-origin';

function tokenJson(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    agency: t.agencyId,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
    lastUsedAt: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
  };
}

export function adminRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  const json = jsonBody();

  r.get('/whoami', async (_req, res) => {
    const p = principalOf(res);
    if (p.kind === 'anonymous')
      throw new UnauthorizedError('authentication_required', 'A bearer token is required');
    const agency = p.agencyId ? await findAgency(knex, p.agencyId) : undefined;
    res.json({ data: { role: p.role, agency: agency ? agencyJson(agency) : null, tokenName: p.name } });
  });

  r.post('/admin/tokens', json, async (req, res) => {
    const p = principalOf(res);
    await authorizeAdmin(knex, p, 'token.create', refusalOrigin(req, res));
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      name?: string;
      role?: Role;
      agency?: string;
    };
    const { record, token } = await createToken(
      knex,
      { name: body.name ?? '', role: body.role ?? 'publisher', agencyId: body.agency ?? null },
      actorName(p),
    );
    await appendAudit(knex, {
      actor: actorName(p),
      agencyId: null,
      action: 'token.create',
      outcome: 'success',
      ...requestOrigin(req, res),
      detail: { tokenId: record.id, role: record.role, agency: record.agencyId },
    });
    // The only time the secret is ever shown.
    res.status(201).json({ data: { ...tokenJson(record), token } });
  });

  r.get('/admin/tokens', async (req, res) => {
    await authorizeAdmin(knex, principalOf(res), 'token.list', refusalOrigin(req, res));
    res.json({ data: (await listTokens(knex)).map(tokenJson) });
  });

  r.delete('/admin/tokens/:tokenId', async (req, res) => {
    const p = principalOf(res);
    await authorizeAdmin(knex, p, 'token.revoke', refusalOrigin(req, res));
    const tokenId = pathInt(req, 'tokenId');
    if (!(await revokeToken(knex, tokenId))) {
      throw new NotFoundError('token_not_found', `No active token ${tokenId}`, { token: tokenId });
    }
    await appendAudit(knex, {
      actor: actorName(p),
      agencyId: null,
      action: 'token.revoke',
      outcome: 'success',
      ...requestOrigin(req, res),
      detail: { tokenId },
    });
    res.status(204).end();
  });

  r.get('/admin/audit', async (req, res) => {
    await authorizeAdmin(knex, principalOf(res), 'audit.read', refusalOrigin(req, res));
    const rows = await listAudit(knex, {
      datasetId: queryString(req, 'dataset'),
      limit: queryInt(req, 'limit', 100, 1, 1000),
    });
    res.json({ data: rows });
  });

  r.post('/agencies', json, async (req, res) => {
    const p = principalOf(res);
    await authorizeAdmin(knex, p, 'agency.upsert', refusalOrigin(req, res));
    const body = (req.body ?? {}) as {
      id?: string;
      name?: { zh?: string; en?: string };
      homepage?: string | null;
    };
    const agency = await createAgency(knex, {
      id: body.id ?? '',
      name: { zh: body.name?.zh ?? '', en: body.name?.en ?? '' },
      homepage: body.homepage ?? null,
    });
    await appendAudit(knex, {
      actor: actorName(p),
      agencyId: null,
      action: 'agency.upsert',
      outcome: 'success',
      ...requestOrigin(req, res),
      detail: { agency: agency.id },
    });
    res.status(201).json({ data: agencyJson(agency) });
  });

  r.post('/datasets', json, async (req, res) => {
    const p = principalOf(res);
    await authorizeAdmin(knex, p, 'dataset.create', refusalOrigin(req, res));
    const d = await createDataset(knex, (req.body ?? null) as DatasetInput);
    await appendAudit(knex, {
      actor: actorName(p),
      agencyId: null,
      action: 'dataset.create',
      outcome: 'success',
      ...requestOrigin(req, res),
      datasetId: d.id,
    });
    res.status(201).json({ data: datasetJson(await getDatasetSummary(knex, d.id, deps.now())) });
  });

  return r;
}
