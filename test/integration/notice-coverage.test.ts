import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDatabase } from '../../src/bootstrap';
import { createAgency, writeDatasetStatus } from '../../src/catalog';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db';
import { ensureNoticeCatalog, NOTICE_AGENCIES, NOTICE_DATASETS, noticeDataset } from '../../src/notice';
import { REQUIRED_ITEMS } from '../support/notice-items';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';

type DatasetJson = {
  id: string;
  clause: string;
  title: { zh: string };
  agencies: { id: string; role: string }[];
  sample: boolean;
  [key: string]: any;
};

/** Counts the SQL statements `work` sends, to show what a warm start costs. */
async function countQueries(db: Database, work: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => n++;
  db.knex.on('query', count);
  try {
    await work();
  } finally {
    db.knex.off('query', count);
  }
  return n;
}

describe('notice coverage: every item of the notice is a dataset', function () {
  this.timeout(600_000);
  let catalogue: DatasetJson[];

  before(async () => {
    await testServer();
    const { status, body } = await getJson('/api/v1/datasets?limit=500');
    expect(status).to.equal(200);
    assertMatchesSpec('/api/v1/datasets', 'get', 200, body);
    expect(body.meta.total).to.equal(body.data.length);
    catalogue = body.data;
  });

  describe('GET /api/v1/datasets', () => {
    for (const { clause, item, ids } of REQUIRED_ITEMS) {
      it(`lists ${clause} ${item} with its lead agency`, () => {
        for (const id of ids) {
          const d = catalogue.find((x) => x.id === id);
          expect(d, id).to.not.equal(undefined);
          expect(d!.clause).to.equal(clause);
          expect(d!.citation).to.equal(`晋政办发〔2017〕50号 ${clause}`);
          expect(d!.title.zh).to.contain(item);
          const lead = noticeDataset(id).dataset.agencies[0];
          expect(d!.agencies[0]).to.include({ id: lead, role: 'lead' });
          expect(d!.currentSchemaVersion).to.be.at.least(1);
        }
      });
    }

    it('lists every dataset of the notice catalogue, lead agency first', () => {
      for (const { dataset } of NOTICE_DATASETS) {
        const d = catalogue.find((x) => x.id === dataset.id);
        expect(d, dataset.id).to.not.equal(undefined);
        expect(d!.agencies.map((a) => a.id)).to.deep.equal(dataset.agencies);
      }
    });

    it('finds a dataset by its lead agency and by its subject', async () => {
      const byAgency = await getJson('/api/v1/datasets?agency=sx-statistics');
      expect(byAgency.body.data.map((d: DatasetJson) => d.id)).to.include('quarterly-economy');
      const byWords = await getJson(`/api/v1/datasets?q=${encodeURIComponent('社会救助')}`);
      expect(byWords.body.data.map((d: DatasetJson) => d.id)).to.include('social-assistance');
    });
  });

  describe('a dataset the notice defines but no one has published yet', () => {
    it('is official (not sample), empty, and tracked from its creation', async () => {
      const { status, body } = await getJson('/api/v1/datasets/government-debt');
      expect(status).to.equal(200);
      assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 200, body);
      expect(body.data).to.include({
        sample: false,
        sampleNotice: null,
        firstPeriod: null,
        cadence: 'annual',
        periodKind: 'year',
        rowCount: 0,
        releaseCount: 0,
      });
      expect(body.data.agencies[0]).to.include({ id: 'sx-finance', role: 'lead' });
    });

    it('has its Table Schema with units, ready for the first upload', async () => {
      const { status, body } = await getJson('/api/v1/datasets/government-debt/schema');
      expect(status).to.equal(200);
      assertMatchesSpec('/api/v1/datasets/{datasetId}/schema', 'get', 200, body);
      expect(body.data.version).to.equal(1);
      const fields = body.data.schema.fields as Record<string, unknown>[];
      expect(body.data.schema.primaryKey).to.deep.equal(['period', 'region', 'debt_type']);
      expect(fields.find((f) => f.name === 'balance')).to.include({
        'x-unit': '亿元',
        title: '年末债务余额',
      });
    });

    it('answers REST and GraphQL reads with no rows', async () => {
      const rows = await getJson('/api/v1/datasets/quarterly-economy/rows?include_total=true');
      expect(rows.status).to.equal(200);
      expect(rows.body.data).to.deep.equal([]);
      const gql = await getJson('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ quarterlyEconomicIndicators { totalCount } }' }),
      });
      expect(gql.body.errors).to.equal(undefined);
      expect(gql.body.data.quarterlyEconomicIndicators.totalCount).to.equal(0);
    });
  });

  describe('ensureNoticeCatalog on a running platform', () => {
    it('creates nothing on a restart, however often it runs, and costs one query', async () => {
      const { db } = await testServer();
      const before = (await getJson('/api/v1/datasets?limit=1')).body.meta.total;
      const results: unknown[] = [];
      const queries = await countQueries(db, async () => results.push(await ensureNoticeCatalog(db)));
      results.push(await ensureNoticeCatalog(db));
      const nothing = { agenciesCreated: [], datasetsCreated: [] };
      expect(results).to.deep.equal([nothing, nothing]);
      expect(queries).to.equal(1);
      expect((await getJson('/api/v1/datasets?limit=1')).body.meta.total).to.equal(before);
    });
  });

  describe('a production start (SEED_ON_START=false) on an empty database', () => {
    let dataDir: string;
    let db: Database;

    before(async () => {
      // Embedded PGlite whatever the run's engine: the point is an empty catalogue.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendata-notice-'));
      const { DATABASE_URL: _ignored, ...env } = process.env;
      db = await prepareDatabase(loadConfig({ ...env, DATA_DIR: dataDir, SEED_ON_START: 'false' }));
    });

    after(async () => {
      await db?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('gets every agency and every dataset of the notice with schema version 1 and no data', async () => {
      const agencies = await db.knex('agencies').pluck('id');
      expect(agencies).to.have.members(NOTICE_AGENCIES.map((a) => a.id));
      const datasets = (await db.knex('datasets').select('id', 'is_sample', 'current_version')) as {
        id: string;
        is_sample: boolean;
        current_version: number;
      }[];
      expect(datasets.map((d) => d.id)).to.have.members(NOTICE_DATASETS.map((d) => d.dataset.id));
      for (const d of datasets) expect(d, d.id).to.include({ is_sample: false, current_version: 1 });
      expect(await db.knex('releases').count<{ count: number }[]>('* as count')).to.deep.equal([
        { count: 0 },
      ]);
      const poverty = await db.knex('datasets').where({ id: 'poverty-registry' }).first('first_period');
      expect(poverty.first_period).to.equal(null);
    });

    it('leaves a dataset the operator has changed as it is on the next start', async () => {
      await writeDatasetStatus(db.knex, 'ppp-projects', {
        status: 'repealed',
        date: '2026-01-01',
        reason: '并入政府和社会资本合作项目库',
      });
      await createAgency(db.knex, {
        id: 'sx-general-office',
        name: { zh: '省人民政府办公厅', en: 'General Office of the Shanxi Provincial People’s Government' },
        homepage: 'https://www.shanxi.gov.cn/',
      });
      expect(await ensureNoticeCatalog(db)).to.deep.equal({ agenciesCreated: [], datasetsCreated: [] });
      const ppp = await db.knex('datasets').where({ id: 'ppp-projects' }).first('status', 'status_reason');
      expect(ppp).to.deep.equal({ status: 'repealed', status_reason: '并入政府和社会资本合作项目库' });
      const office = await db.knex('agencies').where({ id: 'sx-general-office' }).first('name_zh');
      expect(office.name_zh).to.equal('省人民政府办公厅');
    });
  });
});
