import fs from 'node:fs';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import YAML from 'yaml';
import { registerSchemaVersion } from '../../src/ingest';
import { FIELD_TYPE_RULES, type FieldType } from '../../src/schemas';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny, type TinyField } from '../support/tiny-dataset';

const SECRET = '内部核查备注-7731';

const FIELDS = [
  {
    name: 'market',
    type: 'string',
    title: { zh: '市场', en: 'Market' },
    description: { zh: '批发市场名称', en: 'Name of the wholesale market' },
  },
  {
    name: 'grade',
    type: 'string',
    title: { zh: '等级', en: 'Grade' },
    constraints: { enum: ['一级', '二级'] },
  },
  { name: 'price', type: 'number', title: { zh: '价格', en: 'Price' }, unit: '元/公斤' },
  { name: 'stalls', type: 'integer', title: { zh: '摊位数', en: 'Stalls' }, constraints: { minimum: 0 } },
  { name: 'organic', type: 'boolean', title: { zh: '有机', en: 'Organic' } },
  { name: 'sampled_on', type: 'date', title: { zh: '抽样日期', en: 'Sampled on' } },
  {
    name: 'inspector_note',
    type: 'string',
    title: { zh: '核查备注', en: 'Inspector note' },
    disclosure: 'restricted',
  },
] as Array<TinyField & { disclosure?: 'restricted' }>;

const SCHEMA_V2_FIELD = { name: 'stock', type: 'integer', title: { zh: '库存', en: 'Stock' } };

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, { get: { parameters: Array<{ name: string; required?: boolean; schema: any }> } }>;
  components: { schemas: Record<string, any> };
};

/** Validates `body` against a schema of a generated document, by JSON pointer. */
function validatorFor(doc: Doc, name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'dataset' });
  const validate = ajv.getSchema(`dataset#/components/schemas/${name}`);
  if (!validate) throw new Error(`no ${name} in the document`);
  return (body: unknown) => {
    const ok = validate(body);
    return ok ? 'valid' : ajv.errorsText(validate.errors);
  };
}

describe('per-dataset OpenAPI (GET /api/v1/datasets/{id}/openapi.json)', function () {
  this.timeout(600_000);
  let id: string;
  let doc: Doc;

  before(async () => {
    id = await createTinyDataset('oapi', FIELDS, ['period', 'market', 'grade']);
    await publishTiny(id, '2024-01', [
      {
        period: '2024-01',
        market: '太原河西市场',
        grade: '一级',
        price: '23.5',
        stalls: '12',
        organic: 'true',
        sampled_on: '2024-01-05',
        inspector_note: SECRET,
      },
      { period: '2024-01', market: '大同市场', grade: '二级', price: '19', inspector_note: SECRET },
    ]);
    const res = await getJson(`/api/v1/datasets/${id}/openapi.json`);
    expect(res.status).to.equal(200);
    doc = res.body as Doc;
  });

  it('is a valid OpenAPI document of the same version as the platform’s contract', async () => {
    const contract = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../openapi.yaml'), 'utf8'));
    expect(doc.openapi).to.equal(contract.openapi);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: `${id}.openapi.json`,
      config,
    });
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).to.deep.equal([]);
    const res = await getJson(`/api/v1/datasets/${id}/openapi.json`);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/openapi.json', 'get', 200, res.body);
    expect(res.headers.get('x-schema-version')).to.equal('1');
  });

  it('describes the typed row from the Table Schema, and a real page of rows matches it', async () => {
    const row = doc.components.schemas.Row;
    expect(row.additionalProperties).to.equal(false);
    expect(Object.keys(row.properties)).to.have.members([
      'period',
      'market',
      'grade',
      'price',
      'stalls',
      'organic',
      'sampled_on',
    ]);
    expect(row.properties.grade.enum).to.include.members(['一级', '二级']);
    expect(row.properties.price['x-unit']).to.equal('元/公斤');
    expect(row.properties.price.title).to.include('价格').and.include('Price');
    expect(row.properties.market.description).to.include('批发市场名称').and.include('wholesale market');
    expect(row.properties.sampled_on.format).to.equal('date');
    const rows = await getJson(`/api/v1/datasets/${id}/rows`);
    expect(rows.body.data).to.have.length(2);
    expect(validatorFor(doc, 'RowsResponse')(rows.body)).to.equal('valid');
    const agg = await getJson(
      `/api/v1/datasets/${id}/aggregate?groupBy=market&count&avg=price&max=sampled_on`,
    );
    expect(validatorFor(doc, 'AggregateResponse')(agg.body)).to.equal('valid');
    // The schema is strict: a row with an extra or mistyped cell would not pass.
    expect(validatorFor(doc, 'Row')({ ...rows.body.data[0], inspector_note: 'x' })).not.to.equal('valid');
    expect(validatorFor(doc, 'Row')({ ...rows.body.data[0], price: '23.5' })).not.to.equal('valid');
  });

  it('lists exactly the filters the rows endpoint accepts: listed ones work, others are refused', async () => {
    const names = doc.paths[`/api/v1/datasets/${id}/rows`]!.get.parameters.map((p) => p.name);
    const types: Record<string, FieldType> = { period: 'period' };
    for (const f of FIELDS) if (f.disclosure !== 'restricted') types[f.name] = f.type as FieldType;
    for (const [field, type] of Object.entries(types)) {
      expect(names).to.include(field);
      for (const op of FIELD_TYPE_RULES[type].operators) expect(names).to.include(`${field}[${op}]`);
    }
    expect(names).to.include('price[gte]').and.include('market[contains]').and.not.include('market[gte]');
    const sample: Record<string, string> = {
      'price[gte]': '20',
      'market[contains]': '河西',
      'sampled_on[lte]': '2024-01-31',
      'stalls[gt]': '10',
      organic: 'true',
      'grade[in]': '一级',
    };
    for (const [key, value] of Object.entries(sample)) {
      expect(names, key).to.include(key);
      const res = await getJson(`/api/v1/datasets/${id}/rows?${key}=${encodeURIComponent(value)}`);
      expect(res.status, key).to.equal(200);
      expect(
        res.body.data.map((r: { market: string }) => r.market),
        key,
      ).to.deep.equal(['太原河西市场']);
    }
    for (const key of ['market[gte]', 'organic[lt]', 'inspector_note', 'inspector_note[contains]']) {
      expect(names, key).not.to.include(key);
      const res = await getJson(`/api/v1/datasets/${id}/rows?${key}=x`);
      expect(res.status, key).to.equal(400);
      expect(['unknown_operator', 'unknown_field'], key).to.include(res.body.error.code);
    }
  });

  it('offers in groupBy and each summary exactly the fields the aggregate accepts', async () => {
    const params = doc.paths[`/api/v1/datasets/${id}/aggregate`]!.get.parameters;
    const enumOf = (name: string) => params.find((p) => p.name === name)?.schema.items.enum as string[];
    expect(enumOf('groupBy')).to.include.members(['market', 'period', 'period:quarter']);
    expect(enumOf('groupBy')).not.to.include('inspector_note');
    expect(enumOf('avg')).to.have.members(['price', 'stalls']);
    expect(enumOf('max')).to.have.members(['period', 'price', 'stalls', 'sampled_on']);
    for (const field of enumOf('max')) {
      const res = await getJson(`/api/v1/datasets/${id}/aggregate?max=${field}`);
      expect(res.status, field).to.equal(200);
    }
    const refused = await getJson(`/api/v1/datasets/${id}/aggregate?avg=sampled_on`);
    expect(refused.body.error.code).to.equal('invalid_aggregate');
  });

  it('covers the exports and the release CSV', async () => {
    for (const format of ['csv', 'tsv', 'json', 'ndjson']) {
      expect(doc.paths).to.have.property(`/api/v1/datasets/${id}/export.${format}`);
    }
    expect(doc.paths).to.have.property(`/api/v1/datasets/${id}/releases/{period}/data.csv`);
    const json = await getJson(`/api/v1/datasets/${id}/export.json?bom=0`);
    expect(json.status).to.equal(200);
    const validateRow = validatorFor(doc, 'Row');
    for (const row of json.body) expect(validateRow(row)).to.equal('valid');
  });

  it('describes an older schema version when asked, and refuses one that does not exist', async () => {
    const { db } = await testServer();
    // The version createTinyDataset registered, plus one field: a MINOR change.
    const period = {
      name: 'period',
      type: 'period',
      periodKind: 'month',
      title: { zh: '月份', en: 'Month' },
    };
    await registerSchemaVersion(
      db,
      id,
      {
        fields: [period, ...FIELDS, SCHEMA_V2_FIELD],
        primaryKey: ['period', 'market', 'grade'],
        missingValues: ['NA'],
      },
      { allowMajor: false, createdBy: 'test' },
    );
    const current = (await getJson(`/api/v1/datasets/${id}/openapi.json`)).body as Doc;
    expect(Object.keys(current.components.schemas.Row.properties)).to.include('stock');
    const old = await getJson(`/api/v1/datasets/${id}/openapi.json?schemaVersion=1`);
    expect(old.status).to.equal(200);
    expect(old.headers.get('x-schema-version')).to.equal('1');
    const oldDoc = old.body as Doc;
    expect(Object.keys(oldDoc.components.schemas.Row.properties)).not.to.include('stock');
    const pinned = oldDoc.paths[`/api/v1/datasets/${id}/rows`]!.get.parameters.find(
      (p) => p.name === 'schemaVersion',
    );
    expect(pinned).to.deep.include({ required: true });
    expect(pinned!.schema.enum).to.deep.equal([1]);
    const oldRows = await getJson(`/api/v1/datasets/${id}/rows?schemaVersion=1`);
    expect(validatorFor(oldDoc, 'RowsResponse')(oldRows.body)).to.equal('valid');
    const missing = await getJson(`/api/v1/datasets/${id}/openapi.json?schemaVersion=99`);
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('schema_version_not_found');
    assertMatchesSpec('/api/v1/datasets/{datasetId}/openapi.json', 'get', 404, missing.body);
    const bad = await getJson(`/api/v1/datasets/${id}/openapi.json?schemaVersion=zero`);
    expect(bad.status).to.equal(400);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/openapi.json', 'get', 400, bad.body);
  });

  it('offers labels=true where a field references a code list, and the named rows match the schema', async () => {
    expect(doc.paths[`/api/v1/datasets/${id}/rows`]!.get.parameters.map((p) => p.name)).not.to.include(
      'labels',
    );
    const agri = (await getJson('/api/v1/datasets/agri-prices/openapi.json')).body as Doc;
    const params = agri.paths['/api/v1/datasets/agri-prices/rows']!.get.parameters.map((p) => p.name);
    expect(params).to.include('labels');
    const rows = await getJson('/api/v1/datasets/agri-prices/rows?labels=true&city=140100&limit=5');
    expect(rows.body.data[0]).to.include({ city: '140100', city_name_zh: '太原市' });
    const validateRow = validatorFor(agri, 'Row');
    for (const row of rows.body.data) expect(validateRow(row)).to.equal('valid');
  });

  it('is linked from the dataset’s web page', async () => {
    const { url } = await testServer();
    const page = await (await fetch(`${url}/datasets/${id}`)).text();
    const href = /<a href="([^"]+)" data-download="openapi"/.exec(page)?.[1];
    expect(href).to.equal(`/api/v1/datasets/${id}/openapi.json`);
    const linked = await getJson(href!);
    expect(linked.body.components.schemas.Row.properties).to.have.property('market');
  });
});
