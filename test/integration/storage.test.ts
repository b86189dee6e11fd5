import { expect } from 'chai';
import { createDataset, upsertAgency } from '../../src/catalog';
import { publishRelease, registerSchemaVersion } from '../../src/ingest';
import { getJson, testServer } from '../support/server';
import * as indexMigration from '../../migrations/20261207000001_storage_indexes_by_role';

const base = {
  title: { zh: '存储测试', en: 'Storage test' },
  description: { zh: '测试', en: 'test' },
  agencies: ['test-agency'],
  legalBasis: '晋政办发〔2017〕50号',
  clause: '三(五)',
  cadence: 'monthly' as const,
  dueRule: { offset: 'P10D', time: '09:00' },
  licence: 'CC-BY-4.0',
  themes: [],
  tags: [],
};

const v1 = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'month', title: { zh: '期间', en: 'Period' } },
    {
      name: 'city',
      type: 'string',
      title: { zh: '城市', en: 'City' },
      constraints: { enum: ['140100', '140200'] },
    },
    { name: 'amount', type: 'number', unit: '亿元', title: { zh: '金额', en: 'Amount' } },
    { name: 'day', type: 'date', title: { zh: '日期', en: 'Day' } },
    { name: 'secret', type: 'string', disclosure: 'restricted', title: { zh: '姓名', en: 'Name' } },
  ],
  primaryKey: ['period', 'city'],
};

const rows = (period: string) => [
  { line: 2, cells: { period, city: '140100', amount: '12.50', day: '2017-05-03', secret: '张三' } },
  { line: 3, cells: { period: '', city: '140200', amount: '7', day: '', secret: '李四' } },
];

async function columns(table: string) {
  const { db } = await testServer();
  const res = await db
    .knex('information_schema.columns')
    .where({ table_schema: 'datastore', table_name: table })
    .select('column_name', 'data_type');
  return Object.fromEntries(res.map((r: any) => [r.column_name, r.data_type]));
}

describe('typed storage and schema evolution', function () {
  this.timeout(120_000);
  let id = '';

  before(async () => {
    const { db } = await testServer();
    id = `storage-${Date.now().toString(36)}`;
    await upsertAgency(db.knex, {
      id: 'test-agency',
      name: { zh: '测试厅', en: 'Test Dept' },
      homepage: null,
    });
    await createDataset(db.knex, { ...base, id });
  });

  it('creates a real typed table with indexes from the first schema version', async () => {
    const { db } = await testServer();
    const reg = await registerSchemaVersion(db, id, v1, { allowMajor: false, createdBy: 'test' });
    expect(reg.level).to.equal('INITIAL');
    const cols = await columns(reg.version.storageTable);
    expect(cols).to.include({
      amount: 'numeric',
      day: 'date',
      city: 'text',
      period: 'text',
      _release_id: 'bigint',
    });
    const idx = await db.knex.raw(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ?`,
      [reg.version.storageTable],
    );
    const defs = idx.rows.map((r: any) => r.indexdef).join('\n');
    expect(defs).to.match(/UNIQUE INDEX .*\(_release_id, period, city\)/);
    // The index rule (src/storage/ddl.ts): the period's reading order, each dimension with the
    // period, each measure alone; nothing for an attribute or a restricted field.
    expect(defs).to.match(/\(period, _release_id, _row\)/);
    expect(defs).to.match(/\(city, period\)/);
    expect(defs).to.match(/\(amount\)/);
    expect(defs).to.not.match(/\(day\b|\(secret\b/);
    expect(idx.rows).to.have.length(5);
  });

  it('brings an older table up to the index rule with the migration that introduced it', async () => {
    const { db } = await testServer();
    const table = (await db.knex('schema_versions').where({ dataset_id: id }).first('storage_table'))
      .storage_table as string;
    const indexes = async (): Promise<string[]> =>
      (
        await db.knex.raw(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ?`,
          [table],
        )
      ).rows.map((r: any) => r.indexdef as string);
    const before = await indexes();
    const amount = before.find((d) => /\(amount\)/.test(d))!;
    await db.knex.raw(`DROP INDEX datastore.??`, [/INDEX (\S+) ON/.exec(amount)![1]!]);
    await indexMigration.up(db.knex);
    await indexMigration.up(db.knex);
    expect((await indexes()).sort()).to.deep.equal(before.sort());
  });

  it('stores rows with their release, fills in the period, and checksums the canonical CSV', async () => {
    const { db } = await testServer();
    const out = await publishRelease(db, {
      datasetId: id,
      period: '2017-05',
      records: rows('2017-05'),
      createdBy: 'test',
    });
    if (out.kind !== 'published') throw new Error('expected a release');
    expect(out.release.rowCount).to.equal(2);
    expect(out.release.sha256).to.match(/^[0-9a-f]{64}$/);
    const table = (await db.knex('schema_versions').where({ dataset_id: id }).first('storage_table'))
      .storage_table;
    const stored = await db.knex.withSchema('datastore').from(table).orderBy('_row').select('*');
    expect(stored.map((r: any) => r.period)).to.deep.equal(['2017-05', '2017-05']);
    expect(stored[0]).to.include({
      _release_id: out.release.id,
      amount: 12.5,
      day: '2017-05-03',
      secret: '张三',
    });
    expect(stored[1].day).to.equal(null);
  });

  it('never shows a restricted field in the public schema', async () => {
    const { body } = await getJson(`/api/v1/datasets/${id}/schema`);
    const names = body.data.schema.fields.map((f: { name: string }) => f.name);
    expect(names).to.deep.equal(['period', 'city', 'amount', 'day']);
  });

  it('rejects a whole upload when any row is bad, storing nothing', async () => {
    const { db } = await testServer();
    const before = await db
      .knex('releases')
      .where({ dataset_id: id })
      .count<{ count: number }[]>('* as count');
    const bad = [
      { line: 2, cells: { period: '2017-06', city: '140100', amount: '1', day: '2017-06-01' } },
      { line: 3, cells: { period: '2017-06', city: '149999', amount: 'abc', day: '2017/13/45' } },
      { line: 4, cells: { period: '2017-07', city: '140100', amount: '2', day: '' } },
      { line: 5, cells: { period: '2017-06', city: '140100', amount: '3', day: '' } },
    ];
    let err: any;
    try {
      await publishRelease(db, { datasetId: id, period: '2017-06', records: bad, createdBy: 'test' });
    } catch (e) {
      err = e;
    }
    expect(err?.code).to.equal('validation_failed');
    const report = err.details;
    expect(report.errorCount).to.equal(5);
    expect(report.rowCount).to.equal(4);
    expect(report.totalsByRule).to.deep.include({ enum: 1, type: 2, period_mismatch: 1, duplicate_key: 1 });
    expect(report.errors[0]).to.include({ row: 3, column: 'city', value: '149999', rule: 'enum' });
    const after = await db
      .knex('releases')
      .where({ dataset_id: id })
      .count<{ count: number }[]>('* as count');
    expect(Number(after[0]!.count)).to.equal(Number(before[0]!.count));
  });

  it('refuses a second upload of the same period unless it is a revision with a reason', async () => {
    const { db } = await testServer();
    let err: any;
    try {
      await publishRelease(db, {
        datasetId: id,
        period: '2017-05',
        records: rows('2017-05'),
        createdBy: 'test',
      });
    } catch (e) {
      err = e;
    }
    expect(err?.code).to.equal('release_exists');
    const out = await publishRelease(db, {
      datasetId: id,
      period: '2017-05',
      records: rows('2017-05'),
      createdBy: 'test',
      revise: { reason: '更正' },
    });
    expect(out.kind === 'published' && out.release.revision).to.equal(2);
  });

  it('applies a MINOR version in place by adding a column', async () => {
    const { db } = await testServer();
    const v2 = {
      ...v1,
      fields: [...v1.fields, { name: 'note', type: 'string', title: { zh: '备注', en: 'Note' } }],
    };
    const reg = await registerSchemaVersion(db, id, v2, { allowMajor: false, createdBy: 'test' });
    expect(reg.level).to.equal('MINOR');
    expect(reg.version.semver).to.equal('1.1.0');
    expect(await columns(reg.version.storageTable)).to.have.property('note', 'text');
    const v2b = {
      ...v2,
      fields: [...v2.fields, { name: 'order', type: 'integer', title: { zh: '序号', en: 'Order' } }],
    };
    const added = await registerSchemaVersion(db, id, v2b, { allowMajor: false, createdBy: 'test' });
    const idx = await db.knex.raw(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ?`,
      [added.version.storageTable],
    );
    // An added measure is indexed like one in the first version; its name cannot take the
    // reading-order index's.
    expect(idx.rows.map((r: any) => r.indexdef).join('\n')).to.match(/\("order"\)/);
    expect(idx.rows.map((r: any) => r.indexname)).to.include(`${added.version.storageTable}_field_order`);
  });

  it('requires confirmation for a MAJOR version, then gives it new storage and keeps the old readable', async () => {
    const { db } = await testServer();
    const v3 = { ...v1, fields: v1.fields.filter((f) => f.name !== 'day') };
    let err: any;
    try {
      await registerSchemaVersion(db, id, v3, { allowMajor: false, createdBy: 'test' });
    } catch (e) {
      err = e;
    }
    expect(err?.code).to.equal('major_change_unconfirmed');
    expect(err.details.changes.some((c: { level: string }) => c.level === 'MAJOR')).to.equal(true);
    const reg = await registerSchemaVersion(db, id, v3, { allowMajor: true, createdBy: 'test' });
    expect(reg.level).to.equal('MAJOR');
    expect(reg.version.semver).to.equal('2.0.0');
    expect(reg.version.storageTable).to.match(/__g2$/);
    const old = await db.knex('schema_versions').where({ dataset_id: id, version: 1 }).first('storage_table');
    const oldRows = await db.knex
      .withSchema('datastore')
      .from(old.storage_table)
      .count<{ count: number }[]>('* as c');
    expect(Number((oldRows[0] as any).c)).to.equal(4);
  });

  it('reports every problem of an invalid schema document with its JSON path', async () => {
    const { db } = await testServer();
    let err: any;
    try {
      await registerSchemaVersion(
        db,
        id,
        { fields: [{ name: 'Bad Name', type: 'text', title: { zh: '' } }], primaryKey: ['nope'] },
        { allowMajor: true, createdBy: 'test' },
      );
    } catch (e) {
      err = e;
    }
    expect(err?.code).to.equal('invalid_schema');
    const paths = err.details.map((d: { path: string }) => d.path);
    expect(paths).to.include.members(['$.fields[0].name', '$.fields[0].type', '$.primaryKey[0]']);
  });
});
