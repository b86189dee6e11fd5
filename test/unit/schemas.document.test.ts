import { expect } from 'chai';
import { ValidationError } from '../../src/errors';
import {
  checkSchemaDocument,
  classifyChange,
  fieldByNameOrTitle,
  fromPublishedDocument,
  fieldRole,
  periodField,
  pgColumnType,
  publicFields,
  tableSchemaDocument,
} from '../../src/schemas';
import type { FieldDef, FieldType, TableSchema } from '../../src/schemas';
import { NOTICE_DATASETS } from '../../src/notice';

function schema(): TableSchema {
  return checkSchemaDocument({
    fields: [
      {
        name: 'period',
        type: 'period',
        periodKind: 'quarter',
        title: { zh: '季度', en: 'Quarter' },
        constraints: { minimum: '2017-Q1' },
      },
      {
        name: 'region',
        type: 'string',
        title: { zh: '地区', en: 'Region' },
        description: { zh: '地市', en: 'City' },
      },
      {
        name: 'avg_price',
        type: 'number',
        unit: '元/公斤',
        graphqlName: 'averagePrice',
        title: { zh: '平均价格', en: 'Average price' },
        constraints: { minimum: 0 },
        'x-source': 'survey',
      },
      {
        name: 'grade',
        type: 'string',
        title: { zh: '等级', en: 'Grade' },
        constraints: { enum: ['一等', '二等'] },
      },
      { name: 'remark', type: 'string', title: { zh: '备注', en: 'Remark' } },
      { name: 'year_code', type: 'integer', title: { zh: '代码', en: 'Code' } },
      {
        name: 'informant',
        type: 'string',
        disclosure: 'restricted',
        title: { zh: '填报人', en: 'Informant' },
      },
    ],
    primaryKey: ['period', 'region', 'year_code'],
    'x-publisher': '山西省统计局',
  });
}

const byName = (s: TableSchema, name: string) => s.fields.find((f) => f.name === name) as FieldDef;

describe('schemas: field accessors', () => {
  it('publicFields drops restricted fields', () => {
    expect(publicFields(schema()).map((f) => f.name)).to.not.include('informant');
    expect(publicFields(schema())).to.have.length(6);
  });

  it('periodField returns the period field', () => expect(periodField(schema()).name).to.equal('period'));

  it('periodField throws invalid_schema without one', () => {
    const s = schema();
    s.fields = s.fields.filter((f) => f.type !== 'period');
    try {
      periodField(s);
      expect.fail('expected a throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).code).to.equal('invalid_schema');
      const details = (err as ValidationError).details as { path: string }[];
      expect(details.map((d) => d.path)).to.deep.equal(['$.fields']);
    }
  });

  it('fieldByNameOrTitle matches names, then zh and en titles after trimming', () => {
    const s = schema();
    expect(fieldByNameOrTitle(s, 'avg_price')?.name).to.equal('avg_price');
    expect(fieldByNameOrTitle(s, ' 平均价格 ')?.name).to.equal('avg_price');
    expect(fieldByNameOrTitle(s, '\uFEFF季度')?.name).to.equal('period');
    expect(fieldByNameOrTitle(s, 'Average price')?.name).to.equal('avg_price');
    expect(fieldByNameOrTitle(s, 'average price')).to.equal(undefined);
    expect(fieldByNameOrTitle(s, '价格')).to.equal(undefined);
  });

  it('fieldRole applies explicit roles and the defaults', () => {
    const s = schema();
    const role = (name: string) => fieldRole(s, byName(s, name));
    expect(role('period')).to.equal('dimension');
    expect(role('region')).to.equal('dimension'); // in the primary key
    expect(role('year_code')).to.equal('dimension'); // numeric, but a key column
    expect(role('avg_price')).to.equal('measure');
    expect(role('grade')).to.equal('dimension'); // enumerated
    expect(role('remark')).to.equal('attribute');
    expect(fieldRole(s, { ...byName(s, 'avg_price'), role: 'attribute' })).to.equal('attribute');
  });
});

describe('schemas: pgColumnType', () => {
  const expected: Record<FieldType, string> = {
    string: 'text',
    integer: 'bigint',
    number: 'numeric',
    boolean: 'boolean',
    date: 'date',
    year: 'smallint',
    yearmonth: 'text',
    period: 'text',
  };
  for (const [type, column] of Object.entries(expected)) {
    it(`${type} → ${column}`, () => {
      expect(pgColumnType({ name: 'v', type: type as FieldType, title: { zh: 'v', en: 'v' } })).to.equal(
        column,
      );
    });
  }
});

describe('schemas: tableSchemaDocument', () => {
  const doc = () =>
    tableSchemaDocument(schema()) as { fields: Record<string, unknown>[]; [key: string]: unknown };

  it('omits restricted fields and keeps key, missing values and extensions', () => {
    const d = doc();
    expect(d.fields.map((f) => f.name)).to.deep.equal([
      'period',
      'region',
      'avg_price',
      'grade',
      'remark',
      'year_code',
    ]);
    expect(d.primaryKey).to.deep.equal(['period', 'region', 'year_code']);
    expect(d.missingValues).to.deep.equal(['']);
    expect(d['x-publisher']).to.equal('山西省统计局');
  });

  it('uses Frictionless string titles with English and units under x- keys', () => {
    expect(doc().fields[2]).to.deep.equal({
      name: 'avg_price',
      type: 'number',
      title: '平均价格',
      'x-title-en': 'Average price',
      constraints: { minimum: 0 },
      'x-unit': '元/公斤',
      'x-graphql-name': 'averagePrice',
      'x-role': 'measure',
      'x-source': 'survey',
    });
    expect(doc().fields[1]).to.include({ description: '地市', 'x-description-en': 'City' });
    expect(doc().fields[1]).to.not.have.property('disclosure');
  });

  it('publishes period fields as strings with their kind and out-of-band bounds', () => {
    expect(doc().fields[0]).to.deep.equal({
      name: 'period',
      type: 'string',
      title: '季度',
      'x-title-en': 'Quarter',
      constraints: { required: true },
      'x-constraints': { minimum: '2017-Q1' },
      'x-type': 'period',
      'x-period-kind': 'quarter',
      'x-role': 'dimension',
    });
  });

  it('does not share objects with the schema', () => {
    const s = schema();
    const d = tableSchemaDocument(s) as { fields: { constraints?: { enum?: string[] } }[] };
    d.fields[3]?.constraints?.enum?.push('三等');
    expect(byName(s, 'grade').constraints?.enum).to.deep.equal(['一等', '二等']);
  });
});

describe('the published Table Schema as input', () => {
  it('reads back as the same schema, with no change to classify, for every dataset of the notice', () => {
    for (const { dataset, schema } of NOTICE_DATASETS) {
      const published = tableSchemaDocument(schema, { includeRestricted: true });
      const back = checkSchemaDocument(fromPublishedDocument(JSON.parse(JSON.stringify(published))));
      expect(classifyChange(schema, back).changes, dataset.id).to.deep.equal([]);
      expect(
        back.fields.map((f) => f.title),
        dataset.id,
      ).to.deep.equal(schema.fields.map((f) => f.title));
    }
  });

  it('leaves a document in input form as it is', () => {
    const input = {
      fields: [{ name: 'a', type: 'string', title: { zh: '甲', en: 'A' } }],
      primaryKey: ['a'],
    };
    expect(fromPublishedDocument(input)).to.equal(input);
  });
});
