import { expect } from 'chai';
import { NOTICE_DATASETS } from '../../src/notice';
import { adminHeaders, bearer } from '../support/auth';
import { isolatedDatabase, startChildServer, type ChildServer } from '../support/child-server';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

interface Listed {
  id: string;
  agencies: Array<{ id: string }>;
}

const json = (body: unknown, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Every dataset of the notice catalogue, which each come with a schema. */
async function noticeDatasets(get: typeof getJson): Promise<Listed[]> {
  const { body } = await get('/api/v1/datasets?limit=500');
  const notice = new Set(NOTICE_DATASETS.map((d) => d.dataset.id));
  return (body.data as Listed[]).filter((d) => notice.has(d.id));
}

/**
 * An agency fetches its current schema, changes it and posts it back: the published Table
 * Schema (string titles with x-title-en, x-type, x-role …) is accepted as input.
 */
describe('the schema round trip', function () {
  this.timeout(300_000);
  before(() => testServer());

  it('answers a schema posted back unchanged with 200 UNCHANGED and stores nothing, for every dataset', async () => {
    const datasets = await noticeDatasets(getJson);
    expect(datasets.length).to.be.at.least(41);
    for (const { id } of datasets) {
      const current = await getJson(`/api/v1/datasets/${id}/schema?include=restricted`, {
        headers: adminHeaders(),
      });
      expect(current.status, id).to.equal(200);
      const versionsBefore = (await getJson(`/api/v1/datasets/${id}/schema/versions`)).body.meta.total;
      const posted = await getJson(
        `/api/v1/datasets/${id}/schema/versions`,
        json(current.body.data.schema, adminHeaders()),
      );
      expect(posted.status, `${id}: ${JSON.stringify(posted.body)}`).to.equal(200);
      expect(posted.body.meta).to.deep.equal({ level: 'UNCHANGED', changes: [] });
      expect(posted.body.data.version, id).to.equal(current.body.data.version);
      assertMatchesSpec('/api/v1/datasets/{datasetId}/schema/versions', 'post', 200, posted.body);
      expect((await getJson(`/api/v1/datasets/${id}/schema/versions`)).body.meta.total, id).to.equal(
        versionsBefore,
      );
    }
  });

  it('shows restricted fields only in the editing view, and only to the agency responsible', async () => {
    const path = '/api/v1/datasets/poverty-registry/schema';
    const names = (body: any) => (body.data.schema.fields as Array<{ name: string }>).map((f) => f.name);
    const open = await getJson(path);
    const editing = await getJson(`${path}?include=restricted`, {
      headers: await bearer('sx-poverty-alleviation'),
    });
    expect(editing.status).to.equal(200);
    const restricted = names(editing.body).filter((n) => !names(open.body).includes(n));
    expect(restricted.length).to.be.greaterThan(0);
    const marked = editing.body.data.schema.fields.filter((f: any) => f.disclosure === 'restricted');
    expect(marked.map((f: any) => f.name)).to.deep.equal(restricted);
    expect((await getJson(`${path}?include=restricted`)).status).to.equal(401);
    const other = await getJson(`${path}?include=restricted`, { headers: await bearer('sx-agriculture') });
    expect(other.status).to.equal(403);
    expect(JSON.stringify(other.body)).not.to.include(restricted[0]);
  });

  it('refuses the public schema of a dataset with restricted fields, naming them, rather than drop them', async () => {
    const open = await getJson('/api/v1/datasets/poverty-registry/schema');
    const res = await getJson(
      '/api/v1/datasets/poverty-registry/schema/versions',
      json(open.body.data.schema, await bearer('sx-poverty-alleviation')),
    );
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('restricted_fields_missing');
    expect(res.body.error.details.fields).to.be.an('array').that.is.not.empty;
    assertMatchesSpec('/api/v1/datasets/{datasetId}/schema/versions', 'post', 409, res.body);
  });

  describe('adding a field', () => {
    const ADMIN = 'roundtrip-admin-token';
    let server: ChildServer | undefined;
    let drop: (() => void) | undefined;
    const get = async (p: string, init?: RequestInit) => {
      const res = await fetch(server!.url + p, init);
      return { status: res.status, body: (await res.json()) as any, headers: res.headers };
    };

    before(async () => {
      // Its own database: every dataset gets a new column here.
      const db = isolatedDatabase('roundtrip');
      drop = db.drop;
      server = await startChildServer({ ...db.env, ADMIN_TOKEN: ADMIN, SEED_ON_START: 'false' });
    });

    after(async () => {
      await server?.kill('SIGTERM');
      drop?.();
    });

    it('is a MINOR version for every dataset when the field is optional, written the published way', async () => {
      const auth = { authorization: `Bearer ${ADMIN}` };
      const datasets = await noticeDatasets(get as typeof getJson);
      expect(datasets.length).to.be.at.least(41);
      for (const { id } of datasets) {
        const current = await get(`/api/v1/datasets/${id}/schema?include=restricted`, { headers: auth });
        const schema = current.body.data.schema;
        schema.fields.push({
          name: 'roundtrip_note',
          type: 'string',
          title: '往返测试备注',
          'x-title-en': 'Round-trip note',
        });
        const res = await get(`/api/v1/datasets/${id}/schema/versions`, json(schema, auth));
        expect(res.status, `${id}: ${JSON.stringify(res.body)}`).to.equal(201);
        expect(res.body.meta.level, id).to.equal('MINOR');
        expect(
          res.body.meta.changes.map((c: any) => c.path),
          id,
        ).to.deep.equal(['$.fields[?(@.name=="roundtrip_note")]']);
        const added = res.body.data.schema.fields.find((f: any) => f.name === 'roundtrip_note');
        expect(added, id).to.include({
          title: '往返测试备注',
          'x-title-en': 'Round-trip note',
          type: 'string',
        });
      }
    });
  });
});
