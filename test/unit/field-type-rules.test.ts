import { expect } from 'chai';
import { ValidationError } from '../../src/errors';
import {
  AGGREGATE_FUNCTIONS,
  allowsAggregate,
  allowsOperator,
  checkSchemaDocument,
  FIELD_NAME_RE,
  FIELD_TYPE_RULES,
  FIELD_TYPES,
  FILTER_OPERATORS,
  READ_PARAMETERS,
  RESERVED_PARAMETER_NAMES,
  type FieldType,
} from '../../src/schemas';

const RANGE = ['gt', 'gte', 'lt', 'lte'];

function schemaWith(field: Record<string, unknown>): unknown {
  return {
    fields: [
      { name: 'period', type: 'period', periodKind: 'month', title: { zh: '期间', en: 'Period' } },
      { title: { zh: '附加', en: 'Extra' }, ...field },
    ],
    primaryKey: ['period'],
  };
}

/** The schema checker's complaints about a document, by path. */
function issuesOf(doc: unknown): Array<{ path: string; message: string }> {
  try {
    checkSchemaDocument(doc);
    return [];
  } catch (err) {
    expect(err).to.be.instanceOf(ValidationError);
    return (err as ValidationError).details as Array<{ path: string; message: string }>;
  }
}

describe('schemas: one rule per field type', () => {
  it('has a rule for every field type, each listing only operators and functions that exist', () => {
    expect(Object.keys(FIELD_TYPE_RULES).sort()).to.deep.equal([...FIELD_TYPES].sort());
    for (const type of FIELD_TYPES) {
      const rule = FIELD_TYPE_RULES[type];
      expect(FILTER_OPERATORS).to.include.members([...rule.operators]);
      expect(AGGREGATE_FUNCTIONS).to.include.members([...rule.aggregates]);
    }
  });

  it('lets every type be compared for equality, membership and missing values', () => {
    for (const type of FIELD_TYPES) {
      expect(FIELD_TYPE_RULES[type].operators, type).to.include.members(['eq', 'ne', 'in', 'null']);
    }
  });

  it('allows ranges and min/max exactly on ordered types, avg/sum exactly on numeric ones', () => {
    for (const type of FIELD_TYPES) {
      const { ordered, numeric } = FIELD_TYPE_RULES[type];
      for (const op of RANGE) expect(allowsOperator(type, op), `${type} ${op}`).to.equal(ordered);
      expect(allowsAggregate(type, 'min'), `${type} min`).to.equal(ordered);
      expect(allowsAggregate(type, 'max'), `${type} max`).to.equal(ordered);
      expect(allowsAggregate(type, 'avg'), `${type} avg`).to.equal(numeric);
      expect(allowsAggregate(type, 'sum'), `${type} sum`).to.equal(numeric);
      // A number that could not be ordered would make avg meaningful but min absurd.
      if (numeric) expect(ordered, type).to.equal(true);
    }
  });

  it('answers as a reader expects of prices, market names, flags and periods', () => {
    const ops = (t: FieldType) => FIELD_TYPE_RULES[t].operators;
    expect(ops('number')).to.include('gte').and.not.include('contains');
    expect(ops('string')).to.include.members(['contains', 'prefix']).and.not.include('gte');
    expect(ops('boolean')).to.have.members(['eq', 'ne', 'in', 'null']);
    expect(ops('period')).to.include.members(RANGE);
    expect(FIELD_TYPE_RULES.date.aggregates).to.have.members(['min', 'max']);
    expect(allowsOperator('string', 'between')).to.equal(false);
  });

  it('keeps the operator order of FILTER_OPERATORS, so every listing reads the same', () => {
    for (const type of FIELD_TYPES) {
      const ops = FIELD_TYPE_RULES[type].operators;
      const positions = ops.map((op) => FILTER_OPERATORS.indexOf(op));
      expect(positions, type).to.deep.equal([...positions].sort((a, b) => a - b));
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FIELD_TYPE_RULES)).to.equal(true);
    expect(Object.isFrozen(FIELD_TYPE_RULES.string.operators)).to.equal(true);
  });
});

describe('schemas: reserved query parameter names', () => {
  it('reserves every parameter the read endpoints read, from one list', () => {
    const all = Object.values(READ_PARAMETERS).flat();
    expect([...RESERVED_PARAMETER_NAMES].sort()).to.deep.equal([...new Set(all)].sort());
    for (const name of ['asOf', 'schemaVersion', 'groupBy', 'escapeFormulas', 'limit', 'cursor', 'q']) {
      expect(RESERVED_PARAMETER_NAMES.has(name), name).to.equal(true);
    }
  });

  it('refuses a field named like any reserved parameter that a field name could spell', () => {
    const spellable = [...RESERVED_PARAMETER_NAMES].filter((n) => FIELD_NAME_RE.test(n));
    expect(spellable).to.include.members(['limit', 'sum', 'include_total']);
    for (const name of spellable) {
      const issues = issuesOf(schemaWith({ name, type: 'string' }));
      expect(issues, name).to.have.length(1);
      expect(issues[0]).to.include({ path: '$.fields[1].name' });
      expect(issues[0]!.message).to.include(name);
    }
  });

  it('refuses a minimum on a type that is not ordered, and accepts it on one that is', () => {
    const bad = issuesOf(schemaWith({ name: 'flag', type: 'boolean', constraints: { minimum: 'true' } }));
    expect(bad.map((i) => i.path)).to.deep.equal(['$.fields[1].constraints.minimum']);
    expect(issuesOf(schemaWith({ name: 'qty', type: 'integer', constraints: { minimum: 0 } }))).to.deep.equal(
      [],
    );
  });
});
