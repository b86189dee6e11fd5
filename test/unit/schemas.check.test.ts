import { expect } from 'chai';
import { ValidationError } from '../../src/errors';
import { assertFieldName, checkSchemaDocument, MAX_FIELDS } from '../../src/schemas';

type Doc = { fields: Record<string, unknown>[]; primaryKey?: unknown; [key: string]: unknown };

function baseDoc(): Doc {
  return {
    fields: [
      { name: 'period', type: 'period', periodKind: 'month', title: { zh: '期间', en: 'Period' } },
      { name: 'region', type: 'string', title: { zh: '地区', en: 'Region' } },
      { name: 'avg_price', type: 'number', unit: '元/公斤', title: { zh: '平均价格', en: 'Average price' } },
    ],
    primaryKey: ['period', 'region'],
  };
}

function withField(extra: Record<string, unknown>): Doc {
  const doc = baseDoc();
  doc.fields.push({ name: 'extra', type: 'string', title: { zh: '附加', en: 'Extra' }, ...extra });
  return doc;
}

/** Paths reported for an invalid document, in order. */
function issuePaths(doc: unknown): string[] {
  try {
    checkSchemaDocument(doc);
  } catch (err) {
    expect(err).to.be.instanceOf(ValidationError);
    const e = err as ValidationError;
    expect(e.code).to.equal('invalid_schema');
    expect(e.details).to.be.an('array');
    return (e.details as { path: string }[]).map((d) => d.path);
  }
  expect.fail('expected checkSchemaDocument to throw');
}

describe('schemas: checkSchemaDocument', () => {
  it('accepts a valid document and fills defaults', () => {
    const s = checkSchemaDocument(baseDoc());
    expect(s.missingValues).to.deep.equal(['']);
    expect(s.fields.map((f) => f.disclosure)).to.deep.equal(['public', 'public', 'public']);
    expect(s.primaryKey).to.deep.equal(['period', 'region']);
  });

  it('marks primary-key fields required and leaves others alone', () => {
    const s = checkSchemaDocument(baseDoc());
    expect(s.fields[0]?.constraints?.required).to.equal(true);
    expect(s.fields[1]?.constraints?.required).to.equal(true);
    expect(s.fields[2]?.constraints).to.equal(undefined);
  });

  it('returns a copy that shares nothing with the input', () => {
    const doc = withField({ 'x-meta': { a: [1] }, constraints: { enum: ['a'] } });
    const s = checkSchemaDocument(doc);
    (doc.fields[3] as { 'x-meta': { a: number[] } })['x-meta'].a.push(2);
    expect(s.fields[3]?.['x-meta']).to.deep.equal({ a: [1] });
    expect(s.fields[3]?.constraints?.enum).to.not.equal(
      (doc.fields[3]?.constraints as { enum: unknown }).enum,
    );
  });

  it('accepts a bare-string primary key (Frictionless shorthand)', () => {
    const doc = baseDoc();
    doc.fields.splice(1, 1);
    doc.primaryKey = 'period';
    expect(checkSchemaDocument(doc).primaryKey).to.deep.equal(['period']);
  });

  it('keeps x- keys and the allowed Frictionless keys', () => {
    const doc = withField({
      format: 'default',
      example: '太原',
      rdfType: 'https://schema.org/Place',
      'x-src': 's',
    });
    doc['x-source'] = { org: '山西省统计局' };
    const s = checkSchemaDocument(doc);
    expect(s['x-source']).to.deep.equal({ org: '山西省统计局' });
    const f = s.fields[3];
    expect(f?.format).to.equal('default');
    expect(f?.example).to.equal('太原');
    expect(f?.rdfType).to.equal('https://schema.org/Place');
    expect(f?.['x-src']).to.equal('s');
  });

  it('normalises constraint values to canonical form', () => {
    const doc = baseDoc();
    doc.fields.push(
      { name: 'd', type: 'date', title: { zh: 'd', en: 'd' }, constraints: { minimum: '2017/1/5' } },
      { name: 'i', type: 'integer', title: { zh: 'i', en: 'i' }, constraints: { enum: ['007', 8] } },
      {
        name: 'p',
        type: 'number',
        title: { zh: 'p', en: 'p' },
        constraints: { minimum: '1e3', maximum: 5000 },
      },
    );
    const s = checkSchemaDocument(doc);
    expect(s.fields[3]?.constraints?.minimum).to.equal('2017-01-05');
    expect(s.fields[4]?.constraints?.enum).to.deep.equal([7, 8]);
    expect(s.fields[5]?.constraints).to.deep.equal({ minimum: '1000', maximum: 5000 });
  });

  describe('reports the JSON path of each problem', () => {
    const cases: [string, () => unknown, string[]][] = [
      ['non-object document', () => [], ['$']],
      ['unknown top-level key', () => ({ ...baseDoc(), foreignKeys: [] }), ['$.foreignKeys']],
      ['missing fields', () => ({ primaryKey: ['period'] }), ['$.fields', '$.primaryKey[0]']],
      ['field not an object', () => ({ ...baseDoc(), fields: [...baseDoc().fields, 'x'] }), ['$.fields[3]']],
      ['unknown field key', () => withField({ contraints: {} }), ['$.fields[3].contraints']],
      ['non-identifier unknown key', () => withField({ 'a b': 1 }), ['$.fields[3]["a b"]']],
      ['reserved extension key', () => withField({ 'x-unit': 'kg' }), ['$.fields[3]["x-unit"]']],
      ['bad name', () => withField({ name: 'Price' }), ['$.fields[3].name']],
      ['name too long', () => withField({ name: 'a'.repeat(64) }), ['$.fields[3].name']],
      ['reserved _ name', () => withField({ name: '_id' }), ['$.fields[3].name']],
      ['missing name', () => withField({ name: undefined }), ['$.fields[3].name']],
      ['duplicate name', () => withField({ name: 'region' }), ['$.fields[3].name']],
      ['bad type', () => withField({ type: 'text' }), ['$.fields[3].type']],
      ['title missing', () => withField({ title: undefined }), ['$.fields[3].title']],
      ['title en empty', () => withField({ title: { zh: '附加', en: ' ' } }), ['$.fields[3].title.en']],
      [
        'title extra locale',
        () => withField({ title: { zh: '附加', en: 'E', fr: 'F' } }),
        ['$.fields[3].title.fr'],
      ],
      ['duplicate zh title', () => withField({ title: { zh: '地区', en: 'X' } }), ['$.fields[3].title.zh']],
      ['duplicate en title', () => withField({ title: { zh: 'X', en: 'Region' } }), ['$.fields[3].title.en']],
      ['description not object', () => withField({ description: 'x' }), ['$.fields[3].description']],
      ['description bad value', () => withField({ description: { zh: 1 } }), ['$.fields[3].description.zh']],
      ['empty unit', () => withField({ unit: '' }), ['$.fields[3].unit']],
      ['bad disclosure', () => withField({ disclosure: 'private' }), ['$.fields[3].disclosure']],
      ['bad role', () => withField({ role: 'metric' }), ['$.fields[3].role']],
      ['measure on a string', () => withField({ role: 'measure' }), ['$.fields[3].role']],
      ['bad graphqlName', () => withField({ graphqlName: 'Extra_x' }), ['$.fields[3].graphqlName']],
      ['periodKind on non-period', () => withField({ periodKind: 'month' }), ['$.fields[3].periodKind']],
      [
        'bareNumber false',
        () => withField({ type: 'number', bareNumber: false }),
        ['$.fields[3].bareNumber'],
      ],
      ['bareNumber on string', () => withField({ bareNumber: true }), ['$.fields[3].bareNumber']],
      ['empty format', () => withField({ format: '' }), ['$.fields[3].format']],
      ['rdfType not string', () => withField({ rdfType: 5 }), ['$.fields[3].rdfType']],
      ['constraints not object', () => withField({ constraints: [] }), ['$.fields[3].constraints']],
      ['unknown constraint', () => withField({ constraints: { max: 1 } }), ['$.fields[3].constraints.max']],
      [
        'required not boolean',
        () => withField({ constraints: { required: 'yes' } }),
        ['$.fields[3].constraints.required'],
      ],
      [
        'unique not boolean',
        () => withField({ constraints: { unique: 1 } }),
        ['$.fields[3].constraints.unique'],
      ],
      [
        'minimum on string',
        () => withField({ constraints: { minimum: 'a' } }),
        ['$.fields[3].constraints.minimum'],
      ],
      [
        'minimum not castable',
        () => withField({ type: 'integer', constraints: { minimum: 1.5 } }),
        ['$.fields[3].constraints.minimum'],
      ],
      [
        'maximum not a date',
        () => withField({ type: 'date', constraints: { maximum: '2017/13/45' } }),
        ['$.fields[3].constraints.maximum'],
      ],
      [
        'minimum greater than maximum',
        () => withField({ type: 'number', constraints: { minimum: '10.5', maximum: 10 } }),
        ['$.fields[3].constraints.minimum'],
      ],
      ['enum empty', () => withField({ constraints: { enum: [] } }), ['$.fields[3].constraints.enum']],
      ['enum not array', () => withField({ constraints: { enum: 'a' } }), ['$.fields[3].constraints.enum']],
      [
        'enum member not castable',
        () => withField({ type: 'integer', constraints: { enum: [1, 'two', 3] } }),
        ['$.fields[3].constraints.enum[1]'],
      ],
      [
        'enum number on string field',
        () => withField({ constraints: { enum: ['a', 2] } }),
        ['$.fields[3].constraints.enum[1]'],
      ],
      [
        'enum duplicate after canonicalisation',
        () => withField({ type: 'number', constraints: { enum: ['1.0', 1] } }),
        ['$.fields[3].constraints.enum[1]'],
      ],
      [
        'enum outside bounds',
        () => withField({ type: 'integer', constraints: { enum: [1, 50], maximum: 10 } }),
        ['$.fields[3].constraints.enum[1]'],
      ],
      [
        'pattern invalid',
        () => withField({ constraints: { pattern: '(' } }),
        ['$.fields[3].constraints.pattern'],
      ],
      [
        'pattern invalid with u flag',
        () => withField({ constraints: { pattern: '\\-a\\q' } }),
        ['$.fields[3].constraints.pattern'],
      ],
      [
        'pattern fragment',
        () => withField({ constraints: { pattern: 'a)|(?:b' } }),
        ['$.fields[3].constraints.pattern'],
      ],
      [
        'pattern on integer',
        () => withField({ type: 'integer', constraints: { pattern: '\\d' } }),
        ['$.fields[3].constraints.pattern'],
      ],
      [
        'negative minLength',
        () => withField({ constraints: { minLength: -1 } }),
        ['$.fields[3].constraints.minLength'],
      ],
      [
        'fractional maxLength',
        () => withField({ constraints: { maxLength: 1.5 } }),
        ['$.fields[3].constraints.maxLength'],
      ],
      [
        'minLength > maxLength',
        () => withField({ constraints: { minLength: 5, maxLength: 2 } }),
        ['$.fields[3].constraints.minLength'],
      ],
      [
        'maxLength on number',
        () => withField({ type: 'number', constraints: { maxLength: 2 } }),
        ['$.fields[3].constraints.maxLength'],
      ],
      ['missingValues not array', () => ({ ...baseDoc(), missingValues: '' }), ['$.missingValues']],
      ['missingValues member', () => ({ ...baseDoc(), missingValues: ['', null] }), ['$.missingValues[1]']],
    ];
    for (const [name, make, paths] of cases) {
      it(name, () => expect(issuePaths(make())).to.deep.equal(paths));
    }
  });

  describe('period field rules', () => {
    it('requires a period field', () => {
      const doc = baseDoc();
      doc.fields[0] = { name: 'period', type: 'string', title: { zh: '期间', en: 'Period' } };
      expect(issuePaths(doc)).to.deep.equal(['$.fields']);
    });

    it('allows at most one period field', () => {
      const doc = withField({ type: 'period', periodKind: 'year' });
      expect(issuePaths(doc)).to.deep.equal(['$.fields[3].type']);
    });

    it('requires a valid periodKind on the period field', () => {
      const missing = baseDoc();
      delete missing.fields[0]?.periodKind;
      expect(issuePaths(missing)).to.deep.equal(['$.fields[0].periodKind']);
      const bad = baseDoc();
      (bad.fields[0] as Record<string, unknown>).periodKind = 'decade';
      expect(issuePaths(bad)).to.deep.equal(['$.fields[0].periodKind']);
    });

    it('casts period constraint values with the periodKind', () => {
      const doc = baseDoc();
      (doc.fields[0] as Record<string, unknown>).constraints = { minimum: '2017-01', maximum: '2017-Q4' };
      expect(issuePaths(doc)).to.deep.equal(['$.fields[0].constraints.maximum']);
    });
  });

  describe('primary key rules', () => {
    const pkPaths = (primaryKey: unknown, extra?: Record<string, unknown>) => {
      const doc = extra ? withField(extra) : baseDoc();
      doc.primaryKey = primaryKey;
      return issuePaths(doc);
    };
    it('must be present and non-empty', () => {
      expect(pkPaths(undefined)).to.deep.equal(['$.primaryKey']);
      expect(pkPaths([])).to.deep.equal(['$.primaryKey']);
    });
    it('must name existing fields', () =>
      expect(pkPaths(['period', 'city'])).to.deep.equal(['$.primaryKey[1]']));
    it('rejects non-string entries', () => expect(pkPaths(['period', 3])).to.deep.equal(['$.primaryKey[1]']));
    it('rejects duplicates', () => expect(pkPaths(['period', 'period'])).to.deep.equal(['$.primaryKey[1]']));
    it('must include the period field', () => expect(pkPaths(['region'])).to.deep.equal(['$.primaryKey']));
    it('cannot contain restricted fields', () => {
      expect(pkPaths(['period', 'extra'], { disclosure: 'restricted' })).to.deep.equal(['$.primaryKey[1]']);
    });
    it('rejects an explicit required: false on a key field', () => {
      expect(pkPaths(['period', 'extra'], { constraints: { required: false } })).to.deep.equal([
        '$.fields[3].constraints.required',
      ]);
    });
    it('rejects a non-dimension role on a key field', () => {
      expect(pkPaths(['period', 'extra'], { role: 'attribute' })).to.deep.equal(['$.fields[3].role']);
    });
  });

  it('reports every problem of a badly broken document at once', () => {
    const doc = {
      fields: [
        { name: 'period', type: 'period', title: { zh: '期间', en: 'Period' } },
        { name: 'Region', type: 'string', title: { zh: '地区' }, colour: 'red' },
        {
          name: 'v',
          type: 'integer',
          title: { zh: 'v', en: 'v' },
          constraints: { minimum: 'x', enum: [1, 1] },
        },
      ],
      primaryKey: ['period', 'region'],
      missingValues: [0],
      notes: 'x',
    };
    expect(issuePaths(doc)).to.have.members([
      '$.notes',
      '$.fields[0].periodKind',
      '$.fields[1].colour',
      '$.fields[1].name',
      '$.fields[1].title.en',
      '$.fields[2].constraints.minimum',
      '$.fields[2].constraints.enum[1]',
      '$.primaryKey[1]',
      '$.missingValues[0]',
    ]);
  });

  it('caps the field count', () => {
    const doc = baseDoc();
    for (let i = 0; doc.fields.length <= MAX_FIELDS; i++) {
      doc.fields.push({ name: `f${i}`, type: 'integer', title: { zh: `f${i}`, en: `f${i}` } });
    }
    expect(issuePaths(doc)).to.deep.equal(['$.fields']);
  });

  it('caps the number of listed problems', () => {
    const doc = baseDoc();
    for (let i = 0; i < 300; i++) doc[`bad${i}`] = 1;
    const paths = issuePaths(doc);
    expect(paths).to.have.length(201);
    expect(paths[200]).to.equal('$');
  });
});

describe('schemas: assertFieldName', () => {
  it('returns valid names', () => expect(assertFieldName('avg_price_2')).to.equal('avg_price_2'));
  for (const bad of ['', '_id', 'Price', '1a', 'a-b', 'a b', 'a;drop', '价格', 'a'.repeat(64)]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      try {
        assertFieldName(bad);
        expect.fail('expected a throw');
      } catch (err) {
        expect(err).to.be.instanceOf(ValidationError);
        expect((err as ValidationError).code).to.equal('invalid_field_name');
        expect((err as ValidationError).details).to.deep.equal({ field: bad });
      }
    });
  }
});
