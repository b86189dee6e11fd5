import { Router } from 'express';
import {
  addDataset,
  findAgency,
  getDatasetSummary,
  issueToken,
  listIssuedTokens,
  readAuditLog,
  revokeToken,
  saveAgency,
  type DatasetInput,
  type Role,
  type TokenRecord,
} from '../../catalog';
import { UnauthorizedError } from '../../errors';
import { actingOf } from '../acting';
import type { HttpDeps } from '../deps';
import { jsonBody } from '../json-request';
import { principalOf } from '../middleware/auth';
import { pathInt, queryInt, queryString } from '../params';
import { agencyJson, datasetJson } from '../presenters/catalog';

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
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      name?: string;
      role?: Role;
      agency?: string;
    };
    const { record, token } = await issueToken(knex, actingOf(req, res, deps), {
      name: body.name ?? '',
      role: body.role ?? 'publisher',
      agencyId: body.agency ?? null,
    });
    // The only time the secret is ever shown.
    res.status(201).json({ data: { ...tokenJson(record), token } });
  });

  r.get('/admin/tokens', async (req, res) => {
    res.json({ data: (await listIssuedTokens(knex, actingOf(req, res, deps))).map(tokenJson) });
  });

  r.delete('/admin/tokens/:tokenId', async (req, res) => {
    await revokeToken(knex, actingOf(req, res, deps), () => pathInt(req, 'tokenId'));
    res.status(204).end();
  });

  r.get('/admin/audit', async (req, res) => {
    const filter = () => ({
      datasetId: queryString(req, 'dataset'),
      limit: queryInt(req, 'limit', 100, 1, 1000),
    });
    res.json({ data: await readAuditLog(knex, actingOf(req, res, deps), filter) });
  });

  r.post('/agencies', json, async (req, res) => {
    const body = (req.body ?? {}) as {
      id?: string;
      name?: { zh?: string; en?: string };
      homepage?: string | null;
    };
    const agency = await saveAgency(knex, actingOf(req, res, deps), {
      id: body.id ?? '',
      name: { zh: body.name?.zh ?? '', en: body.name?.en ?? '' },
      homepage: body.homepage ?? null,
    });
    res.status(201).json({ data: agencyJson(agency) });
  });

  r.post('/datasets', json, async (req, res) => {
    const d = await addDataset(knex, actingOf(req, res, deps), (req.body ?? null) as DatasetInput);
    res.status(201).json({ data: datasetJson(await getDatasetSummary(knex, d.id, deps.now())) });
  });

  return r;
}
