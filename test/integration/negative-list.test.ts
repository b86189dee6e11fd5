import { expect } from 'chai';
import { adminHeaders, bearer } from '../support/auth';
import {
  checkCkanPaths,
  checkGraphqlPaths,
  checkRestPaths,
  type RestrictedCase,
} from '../support/negative-list';
import { getJson, testServer } from '../support/server';

const tag = `n${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const AGENCY = 'sx-agriculture';
const ID = `negative-${tag}`;
const ROOT = `neg${tag.charAt(0).toUpperCase()}${tag.slice(1)}Households`;

/**
 * A household list shaped like 建档立卡贫困人口名单 (一(四)): the head's name and ID number
 * are on the negative list (personal privacy), stored for the agency but never served.
 */
const SCHEMA = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'year', title: { zh: '年度', en: 'Year' } },
    { name: 'county', type: 'string', title: { zh: '县（市、区）', en: 'County' } },
    { name: 'village', type: 'string', title: { zh: '行政村', en: 'Village' } },
    { name: 'household', type: 'string', title: { zh: '户编号', en: 'Household number' } },
    {
      name: 'head_name',
      type: 'string',
      title: { zh: '户主姓名', en: 'Head of household' },
      disclosure: 'restricted',
    },
    {
      name: 'id_number',
      type: 'string',
      title: { zh: '身份证号码', en: 'ID card number' },
      disclosure: 'restricted',
    },
    { name: 'members', type: 'integer', title: { zh: '家庭人口', en: 'Household members' }, unit: '人' },
    { name: 'cause', type: 'string', title: { zh: '致贫原因', en: 'Main cause of poverty' } },
  ],
  primaryKey: ['period', 'county', 'village', 'household'],
};
const ROWS = [
  ['2019', '岚县', '王家村', 'H001', '王秀英', '142227196501011234', '3', '因病'],
  ['2019', '岚县', '王家村', 'H002', '李建国', '142227197203154321', '4', '缺劳力'],
  ['2019', '静乐县', '西坡村', 'H001', '赵桂兰', '142226195811206789', '2', '因残'],
];

const CASE: RestrictedCase = {
  datasetId: ID,
  graphqlRoot: ROOT,
  restricted: [
    { name: 'head_name', graphqlName: 'headName', title: { zh: '户主姓名', en: 'Head of household' } },
    { name: 'id_number', graphqlName: 'idNumber', title: { zh: '身份证号码', en: 'ID card number' } },
  ],
  secrets: ['王秀英', '李建国', '赵桂兰', '142227196501011234', '142226195811206789'],
  publicField: 'village',
  period: '2019',
};

describe('negative list (负面清单): restricted fields are stored but never served', () => {
  before(async function () {
    this.timeout(60_000);
    const admin = { ...adminHeaders(), 'content-type': 'application/json' };
    const created = await getJson('/api/v1/datasets', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        id: ID,
        title: { zh: '建档立卡贫困户（测试）', en: 'Registered poor households (test)' },
        description: { zh: '负面清单测试', en: 'negative list test' },
        agencies: [AGENCY],
        legalBasis: '晋政办发〔2017〕50号',
        clause: '一(四)',
        cadence: 'annual',
        dueRule: { offset: 'P3M', time: '09:00' },
        licence: 'CC-BY-4.0',
        themes: [],
        tags: [],
        graphqlName: ROOT,
      }),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const schema = await getJson(`/api/v1/datasets/${ID}/schema/versions`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(SCHEMA),
    });
    expect(schema.status, JSON.stringify(schema.body)).to.equal(201);
    const csv = [
      'period,county,village,household,head_name,id_number,members,cause',
      ...ROWS.map((r) => r.join(',')),
    ];
    const up = await getJson(`/api/v1/datasets/${ID}/releases?period=2019`, {
      method: 'POST',
      headers: { ...(await bearer(AGENCY)), 'content-type': 'text/csv' },
      body: csv.join('\n') + '\n',
    });
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
  });

  it('keeps the values in storage (the agency’s upload was complete)', async () => {
    const { db } = await testServer();
    const stored = await db
      .knex(`datastore.${ID.replace(/-/g, '_')}__g1`)
      .select('head_name')
      .orderBy('_row');
    expect(stored.map((r: { head_name: string }) => r.head_name)).to.deep.equal([
      '王秀英',
      '李建国',
      '赵桂兰',
    ]);
  });

  it('never shows them in rows, exports, the release CSV, aggregates, search or the Table Schema', async () => {
    await checkRestPaths(CASE);
  });

  it('never shows them through the CKAN Action API or the DataStore dump', async () => {
    await checkCkanPaths(CASE);
  });

  it('never shows them in GraphQL types, filters, groupings, rows or schema fields', async () => {
    await checkGraphqlPaths(CASE);
  });
});
