import { expect } from 'chai';
import { checkSchemaDocument, classifyChange } from '../../src/schemas';
import type { ChangeLevel, TableSchema } from '../../src/schemas';

type Doc = { fields: Record<string, unknown>[]; primaryKey: string[]; [key: string]: unknown };

function baseDoc(): Doc {
  return {
    fields: [
      { name: 'period', type: 'period', periodKind: 'month', title: { zh: '期间', en: 'Period' } },
      { name: 'region', type: 'string', title: { zh: '地区', en: 'Region' } },
      {
        name: 'price',
        type: 'number',
        unit: '元/公斤',
        title: { zh: '价格', en: 'Price' },
        constraints: { minimum: 0, maximum: 100 },
      },
      {
        name: 'grade',
        type: 'string',
        title: { zh: '等级', en: 'Grade' },
        role: 'dimension',
        constraints: { enum: ['一等', '二等'], pattern: '.+', maxLength: 10 },
      },
      { name: 'quantity', type: 'integer', title: { zh: '数量', en: 'Quantity' } },
    ],
    primaryKey: ['period', 'region'],
  };
}

/** Applies `edit` to a fresh copy of the base document and classifies base → edited. */
function classify(edit: (doc: Doc) => void) {
  const prev = checkSchemaDocument(baseDoc());
  const doc = baseDoc();
  edit(doc);
  return classifyChange(prev, checkSchemaDocument(doc));
}

const fieldOf = (doc: Doc, name: string) =>
  doc.fields.find((f) => f.name === name) as Record<string, unknown>;
const constraintsOf = (doc: Doc, name: string) => {
  const f = fieldOf(doc, name);
  f.constraints ??= {};
  return f.constraints as Record<string, unknown>;
};
const path = (name: string, suffix = '') => `$.fields[?(@.name==${JSON.stringify(name)})]${suffix}`;

function expectChange(edit: (doc: Doc) => void, level: ChangeLevel, changePath: string) {
  const result = classify(edit);
  expect(result.level).to.equal(level);
  expect(result.changes.map((c) => [c.level, c.path])).to.deep.include([level, changePath]);
}

describe('schemas: classifyChange', () => {
  it('identical schemas are a PATCH with no changes', () => {
    expect(classify(() => {})).to.deep.equal({ level: 'PATCH', changes: [] });
  });

  describe('MAJOR', () => {
    const cases: [string, (doc: Doc) => void, string][] = [
      ['field removed', (d) => d.fields.splice(4, 1), path('quantity')],
      ['field renamed (removal side)', (d) => (fieldOf(d, 'quantity').name = 'total'), path('quantity')],
      ['field retyped', (d) => (fieldOf(d, 'quantity').type = 'number'), path('quantity', '.type')],
      [
        'periodKind changed',
        (d) => (fieldOf(d, 'period').periodKind = 'quarter'),
        path('period', '.periodKind'),
      ],
      ['unit changed', (d) => (fieldOf(d, 'price').unit = '元/吨'), path('price', '.unit')],
      ['unit added', (d) => (fieldOf(d, 'quantity').unit = '万吨'), path('quantity', '.unit')],
      [
        'required added',
        (d) => (constraintsOf(d, 'quantity').required = true),
        path('quantity', '.constraints.required'),
      ],
      [
        'unique added',
        (d) => (constraintsOf(d, 'quantity').unique = true),
        path('quantity', '.constraints.unique'),
      ],
      [
        'minimum raised',
        (d) => (constraintsOf(d, 'price').minimum = '0.5'),
        path('price', '.constraints.minimum'),
      ],
      [
        'minimum added',
        (d) => (constraintsOf(d, 'quantity').minimum = 0),
        path('quantity', '.constraints.minimum'),
      ],
      [
        'maximum lowered',
        (d) => (constraintsOf(d, 'price').maximum = 99.99),
        path('price', '.constraints.maximum'),
      ],
      [
        'enum values removed',
        (d) => (constraintsOf(d, 'grade').enum = ['一等']),
        path('grade', '.constraints.enum'),
      ],
      [
        'enum added',
        (d) => (constraintsOf(d, 'region').enum = ['太原']),
        path('region', '.constraints.enum'),
      ],
      [
        'pattern added',
        (d) => (constraintsOf(d, 'region').pattern = '.+'),
        path('region', '.constraints.pattern'),
      ],
      [
        'pattern changed',
        (d) => (constraintsOf(d, 'grade').pattern = '.{2}'),
        path('grade', '.constraints.pattern'),
      ],
      [
        'maxLength lowered',
        (d) => (constraintsOf(d, 'grade').maxLength = 5),
        path('grade', '.constraints.maxLength'),
      ],
      [
        'minLength added',
        (d) => (constraintsOf(d, 'grade').minLength = 1),
        path('grade', '.constraints.minLength'),
      ],
      ['primary key changed', (d) => (d.primaryKey = ['period', 'region', 'grade']), '$.primaryKey'],
      [
        'public → restricted',
        (d) => (fieldOf(d, 'quantity').disclosure = 'restricted'),
        path('quantity', '.disclosure'),
      ],
      ['role changed', (d) => (fieldOf(d, 'quantity').role = 'attribute'), path('quantity', '.role')],
      [
        'graphqlName changed',
        (d) => (fieldOf(d, 'quantity').graphqlName = 'itemCount'),
        path('quantity', '.graphqlName'),
      ],
      [
        'required field added',
        (d) =>
          d.fields.push({
            name: 'n',
            type: 'integer',
            title: { zh: 'n', en: 'n' },
            constraints: { required: true },
          }),
        path('n'),
      ],
      ['missing value removed', (d) => (d.missingValues = []), '$.missingValues'],
    ];
    for (const [name, edit, changePath] of cases) it(name, () => expectChange(edit, 'MAJOR', changePath));

    it('removing the enum of a default-role dimension flips its role', () => {
      const prev = baseDoc();
      delete fieldOf(prev, 'grade').role;
      const next = baseDoc();
      delete fieldOf(next, 'grade').role;
      delete constraintsOf(next, 'grade').enum;
      const r = classifyChange(checkSchemaDocument(prev), checkSchemaDocument(next));
      expect(r.level).to.equal('MAJOR');
      expect(r.changes.map((c) => [c.level, c.path])).to.deep.equal([
        ['MINOR', path('grade', '.constraints.enum')],
        ['MAJOR', path('grade', '.role')],
      ]);
    });

    it('a rename reports both the removal and the addition', () => {
      const r = classify((d) => (fieldOf(d, 'quantity').name = 'total'));
      expect(r.changes.map((c) => [c.level, c.path])).to.deep.equal([
        ['MAJOR', path('quantity')],
        ['MINOR', path('total')],
      ]);
    });
  });

  describe('MINOR', () => {
    const cases: [string, (doc: Doc) => void, string][] = [
      [
        'optional field added',
        (d) => d.fields.push({ name: 'n', type: 'integer', title: { zh: 'n', en: 'n' } }),
        path('n'),
      ],
      [
        'enum value added',
        (d) => (constraintsOf(d, 'grade').enum = ['一等', '二等', '三等']),
        path('grade', '.constraints.enum'),
      ],
      ['enum removed', (d) => delete constraintsOf(d, 'grade').enum, path('grade', '.constraints.enum')],
      [
        'minimum lowered',
        (d) => (constraintsOf(d, 'price').minimum = -1),
        path('price', '.constraints.minimum'),
      ],
      [
        'maximum raised',
        (d) => (constraintsOf(d, 'price').maximum = '1e3'),
        path('price', '.constraints.maximum'),
      ],
      [
        'maximum removed',
        (d) => delete constraintsOf(d, 'price').maximum,
        path('price', '.constraints.maximum'),
      ],
      [
        'pattern removed',
        (d) => delete constraintsOf(d, 'grade').pattern,
        path('grade', '.constraints.pattern'),
      ],
      [
        'maxLength raised',
        (d) => (constraintsOf(d, 'grade').maxLength = 20),
        path('grade', '.constraints.maxLength'),
      ],
      ['missing value added', (d) => (d.missingValues = ['', 'NA']), '$.missingValues'],
    ];
    for (const [name, edit, changePath] of cases) it(name, () => expectChange(edit, 'MINOR', changePath));

    it('required removed and unique removed', () => {
      const prev = checkSchemaDocument(baseDoc());
      (prev.fields[4] as { constraints?: object }).constraints = { required: true, unique: true };
      const r = classifyChange(prev, checkSchemaDocument(baseDoc()));
      expect(r.level).to.equal('MINOR');
      expect(r.changes.map((c) => c.path)).to.deep.equal([
        path('quantity', '.constraints.required'),
        path('quantity', '.constraints.unique'),
      ]);
    });

    it('restricted → public', () => {
      const doc = baseDoc();
      fieldOf(doc, 'quantity').disclosure = 'restricted';
      const r = classifyChange(checkSchemaDocument(doc), checkSchemaDocument(baseDoc()));
      expect(r.level).to.equal('MINOR');
      expect(r.changes.map((c) => c.path)).to.deep.equal([path('quantity', '.disclosure')]);
    });

    it('reports removed and added enum values separately (overall MAJOR)', () => {
      const r = classify((d) => (constraintsOf(d, 'grade').enum = ['一等', '三等']));
      expect(r.level).to.equal('MAJOR');
      expect(r.changes.map((c) => c.level)).to.deep.equal(['MAJOR', 'MINOR']);
    });
  });

  describe('PATCH', () => {
    const cases: [string, (doc: Doc) => void, string][] = [
      [
        'zh title changed',
        (d) => (fieldOf(d, 'price').title = { zh: '平均价格', en: 'Price' }),
        path('price', '.title'),
      ],
      [
        'description added',
        (d) => (fieldOf(d, 'price').description = { en: 'Mean' }),
        path('price', '.description'),
      ],
      ['fields reordered', (d) => d.fields.reverse(), '$.fields'],
      ['primary key reordered', (d) => (d.primaryKey = ['region', 'period']), '$.primaryKey'],
      ['example changed', (d) => (fieldOf(d, 'price').example = 12.5), path('price', '.example')],
      ['field extension changed', (d) => (fieldOf(d, 'price')['x-note'] = 'n'), path('price', '["x-note"]')],
      ['top-level extension changed', (d) => (d['x-source'] = 'NBS'), '$["x-source"]'],
    ];
    for (const [name, edit, changePath] of cases) it(name, () => expectChange(edit, 'PATCH', changePath));

    it('equivalent constraint spellings are not a change', () => {
      const r = classify((d) => Object.assign(constraintsOf(d, 'price'), { minimum: '0.0', maximum: '1e2' }));
      expect(r).to.deep.equal({ level: 'PATCH', changes: [] });
    });
  });

  it('the overall level is the highest of all changes', () => {
    const r = classify((d) => {
      fieldOf(d, 'price').title = { zh: '均价', en: 'Price' };
      d.fields.push({ name: 'n', type: 'integer', title: { zh: 'n', en: 'n' } });
      fieldOf(d, 'quantity').unit = '个';
    });
    expect(r.level).to.equal('MAJOR');
    expect(r.changes.map((c) => c.level).sort()).to.deep.equal(['MAJOR', 'MINOR', 'PATCH']);
  });

  it('does not compare constraints across a type change', () => {
    const prev: TableSchema = checkSchemaDocument(baseDoc());
    const r = classify((d) => {
      fieldOf(d, 'price').type = 'integer';
      fieldOf(d, 'price').constraints = { minimum: 5 };
    });
    expect(r.changes.filter((c) => c.path.startsWith(path('price')))).to.have.length(1);
    expect(prev.fields).to.have.length(5);
  });
});
