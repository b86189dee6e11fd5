import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLInputFieldConfigMap,
  type GraphQLScalarType,
} from 'graphql';
import { ValidationError } from '../errors';
import type { RawFilter } from '../query';
import { DateScalar, PeriodScalar, SafeIntScalar } from './scalars';

/**
 * One filter input per value type, shared by every dataset: eq/ne/in/isNull on every
 * field, gt/gte/lt/lte where values are ordered, contains/prefix on text. They translate
 * into exactly the RawFilter[] that REST builds from `field[op]=value`, so the query
 * module does all checking and SQL.
 */
const ORDERED_OPS = [
  ['gt', 'Greater than. 大于。'],
  ['gte', 'Greater than or equal. 大于等于。'],
  ['lt', 'Less than. 小于。'],
  ['lte', 'Less than or equal. 小于等于。'],
] as const;

function filterInput(
  name: string,
  scalar: GraphQLScalarType,
  kind: { ordered: boolean; text: boolean; latest?: boolean },
) {
  const fields: GraphQLInputFieldConfigMap = {
    eq: { type: scalar, description: 'Equal (REST `field=value`). 等于。' },
    ne: {
      type: scalar,
      description: 'Not equal (missing values count as not equal). 不等于（缺失值视为不等）。',
    },
    in: {
      type: new GraphQLList(new GraphQLNonNull(scalar)),
      description: 'Any of these values (1–1000). 取值之一（1–1000 个）。',
    },
    isNull: {
      type: GraphQLBoolean,
      description: 'true: the value is missing; false: it is present. true：缺失；false：存在。',
    },
  };
  if (kind.ordered) {
    for (const [op, words] of ORDERED_OPS) fields[op] = { type: scalar, description: words };
  }
  if (kind.latest) {
    fields.latest = {
      type: GraphQLInt,
      description:
        'The newest n periods published (as of `asOf`), like REST `period=latest-n`. 最近 n 个已发布的统计期。',
    };
  }
  if (kind.text) {
    fields.contains = {
      type: GraphQLString,
      description: 'Case-insensitive substring. 包含（不区分大小写）。',
    };
    fields.prefix = {
      type: GraphQLString,
      description: 'Starts with (case-sensitive). 以此开头（区分大小写）。',
    };
  }
  return new GraphQLInputObjectType({
    name,
    description: 'Conditions on one field; all that are given must hold. 单个字段的条件，须全部满足。',
    fields,
  });
}

export const FILTER_INPUTS = {
  string: filterInput('StringFilter', GraphQLString, { ordered: false, text: true }),
  orderedString: filterInput('OrderedStringFilter', GraphQLString, { ordered: true, text: false }),
  int: filterInput('IntFilter', GraphQLInt, { ordered: true, text: false }),
  safeInt: filterInput('SafeIntFilter', SafeIntScalar, { ordered: true, text: false }),
  float: filterInput('FloatFilter', GraphQLFloat, { ordered: true, text: false }),
  boolean: filterInput('BooleanFilter', GraphQLBoolean, { ordered: false, text: false }),
  date: filterInput('DateFilter', DateScalar, { ordered: true, text: false }),
  period: filterInput('PeriodFilter', PeriodScalar, { ordered: true, text: false, latest: true }),
};

type Scalar = string | number | boolean;
export type FieldFilterInput = Partial<Record<string, Scalar | Scalar[] | null>>;

const asText = (v: Scalar): string => (typeof v === 'string' ? v : String(v));

/** `{ city: { in: [...] }, period: { gte: … } }` → RawFilter[] on the fields' storage names. */
export function rawFilters(
  input: Record<string, FieldFilterInput | null | undefined> | null | undefined,
  storageName: (graphqlName: string) => string,
): RawFilter[] {
  const out: RawFilter[] = [];
  for (const [gqlName, ops] of Object.entries(input ?? {})) {
    if (!ops) continue;
    const field = storageName(gqlName);
    for (const [op, value] of Object.entries(ops)) {
      if (value === null || value === undefined) continue;
      if (op === 'isNull') out.push({ field, op: 'null', value: asText(value as boolean) });
      else if (op === 'latest') out.push({ field, op: 'eq', value: `latest-${asText(value as number)}` });
      else if (op === 'in') out.push({ field, op, value: inList(field, value as Scalar[]) });
      else out.push({ field, op, value: asText(value as Scalar) });
    }
  }
  return out;
}

// The domain's `in` takes one comma-separated text, as REST does.
function inList(field: string, values: Scalar[]): string {
  const texts = values.map(asText);
  if (texts.length === 0) {
    throw new ValidationError('invalid_filter_value', `${field}: in needs at least one value`, {
      field,
      operator: 'in',
    });
  }
  const bad = texts.find((t) => t.includes(','));
  if (bad !== undefined) {
    throw new ValidationError(
      'invalid_filter_value',
      `${field}: values containing "," cannot be used with in; use eq`,
      { field, operator: 'in', value: bad },
    );
  }
  return texts.join(',');
}
