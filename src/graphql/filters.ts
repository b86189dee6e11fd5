import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLInputFieldConfig,
  type GraphQLInputFieldConfigMap,
  type GraphQLScalarType,
} from 'graphql';
import { ValidationError } from '../errors';
import type { RawFilter } from '../query';
import { FIELD_TYPE_RULES, type FieldType, type FilterOperator } from '../schemas';
import { DateScalar, PeriodScalar, SafeIntScalar } from './scalars';

/**
 * One filter input per value type, shared by every dataset. Its operators are exactly
 * those the field type allows (schemas/field-type-rules.ts); `null` is spelled `isNull`.
 * They translate into exactly the RawFilter[] that REST builds from `field[op]=value`, so
 * the query module does all checking and SQL.
 */
const OPERATOR_FIELDS: Record<FilterOperator, (scalar: GraphQLScalarType) => GraphQLInputFieldConfig> = {
  eq: (scalar) => ({ type: scalar, description: 'Equal (REST `field=value`). 等于。' }),
  ne: (scalar) => ({
    type: scalar,
    description: 'Not equal (missing values count as not equal). 不等于（缺失值视为不等）。',
  }),
  in: (scalar) => ({
    type: new GraphQLList(new GraphQLNonNull(scalar)),
    description: 'Any of these values (1–1000). 取值之一（1–1000 个）。',
  }),
  gt: (scalar) => ({ type: scalar, description: 'Greater than. 大于。' }),
  gte: (scalar) => ({ type: scalar, description: 'Greater than or equal. 大于等于。' }),
  lt: (scalar) => ({ type: scalar, description: 'Less than. 小于。' }),
  lte: (scalar) => ({ type: scalar, description: 'Less than or equal. 小于等于。' }),
  contains: () => ({
    type: GraphQLString,
    description: 'Case-insensitive substring. 包含（不区分大小写）。',
  }),
  prefix: () => ({
    type: GraphQLString,
    description: 'Starts with (case-sensitive). 以此开头（区分大小写）。',
  }),
  null: () => ({
    type: GraphQLBoolean,
    description: 'true: the value is missing; false: it is present. true：缺失；false：存在。',
  }),
};

/** The GraphQL name of a filter operator: `null` is not a usable field name. */
export const graphqlOperatorName = (op: FilterOperator): string => (op === 'null' ? 'isNull' : op);

function filterInput(name: string, scalar: GraphQLScalarType, type: FieldType) {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const op of FIELD_TYPE_RULES[type].operators)
    fields[graphqlOperatorName(op)] = OPERATOR_FIELDS[op](scalar);
  if (type === 'period') {
    fields.latest = {
      type: GraphQLInt,
      description:
        'The newest n periods published (as of `asOf`), like REST `period=latest-n`. 最近 n 个已发布的统计期。',
    };
  }
  return new GraphQLInputObjectType({
    name,
    description: 'Conditions on one field; all that are given must hold. 单个字段的条件，须全部满足。',
    fields,
  });
}

export const FILTER_INPUTS = {
  string: filterInput('StringFilter', GraphQLString, 'string'),
  orderedString: filterInput('OrderedStringFilter', GraphQLString, 'yearmonth'),
  int: filterInput('IntFilter', GraphQLInt, 'integer'),
  safeInt: filterInput('SafeIntFilter', SafeIntScalar, 'integer'),
  float: filterInput('FloatFilter', GraphQLFloat, 'number'),
  boolean: filterInput('BooleanFilter', GraphQLBoolean, 'boolean'),
  date: filterInput('DateFilter', DateScalar, 'date'),
  period: filterInput('PeriodFilter', PeriodScalar, 'period'),
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
