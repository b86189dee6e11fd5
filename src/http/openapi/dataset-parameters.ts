import type { OpenAPIV3_1 } from 'openapi-types';
import { EXPORT_ENCODINGS, HEADER_STYLES } from '../../export';
import { DEFAULT_LIMIT, MAX_FILTER_VALUE_LENGTH, MAX_IN_VALUES, MAX_LIMIT, rollupGrains } from '../../query';
import {
  FIELD_TYPE_RULES,
  isLabelColumn,
  READ_PARAMETERS,
  withLabelColumns,
  type AggregateFunction,
  type FieldDef,
  type FilterOperator,
} from '../../schemas';
import { fieldTitle, filterValueSchema } from './field-schemas';

type Schema = OpenAPIV3_1.SchemaObject;
/** openapi-types gives 3.1 parameters 3.0 schemas; these carry 3.1 ones (type arrays, const). */
export type Parameter = Omit<OpenAPIV3_1.ParameterObject, 'schema'> & { schema: Schema };

/** The name of every parameter the generated document writes, checked against the reserved list. */
type ReadParameter = (typeof READ_PARAMETERS)[keyof typeof READ_PARAMETERS][number];

const query = (name: ReadParameter, description: string, schema: Schema): Parameter => ({
  name,
  in: 'query',
  description,
  schema,
});

/** A comma-separated list, `fields=a,b`, as OpenAPI's form style without explode writes it. */
const commaList = (name: ReadParameter, description: string, values: string[], maxItems?: number) => ({
  ...query(name, description, {
    type: 'array',
    items: { type: 'string', enum: values },
    uniqueItems: true,
    ...(maxItems ? { maxItems } : {}),
  }),
  style: 'form',
  explode: false,
});

const OPERATOR_WORDS: Record<FilterOperator, string> = {
  eq: '等于 / equal',
  ne: '不等于（缺失值视为不等） / not equal (a missing value counts as not equal)',
  in: `取值之一 / any of these values (comma-separated, at most ${MAX_IN_VALUES})`,
  gt: '大于 / greater than',
  gte: '大于等于 / greater than or equal',
  lt: '小于 / less than',
  lte: '小于等于 / less than or equal',
  contains: '包含（不区分大小写） / case-insensitive substring',
  prefix: '以此开头（区分大小写） / starts with (case-sensitive)',
  null: 'true：缺失；false：存在 / true: the value is missing; false: it is present',
};

function operatorSchema(f: FieldDef, op: FilterOperator): Schema {
  const value = filterValueSchema(f);
  const bounded = value.type === 'string' ? { ...value, maxLength: MAX_FILTER_VALUE_LENGTH } : value;
  if (op === 'null') return { type: 'boolean' };
  if (op === 'contains' || op === 'prefix') return { type: 'string', maxLength: MAX_FILTER_VALUE_LENGTH };
  if (op === 'in') return { type: 'array', items: bounded, minItems: 1, maxItems: MAX_IN_VALUES };
  return bounded;
}

/**
 * One parameter per public field and per operator its type allows (schemas/field-type-rules.ts):
 * `city` (equal, or one of when it holds a comma) and `city[op]`. No other key is a filter.
 */
export function filterParameters(fields: readonly FieldDef[]): Parameter[] {
  const out: Parameter[] = [];
  for (const f of fields) {
    const title = fieldTitle(f);
    const value = filterValueSchema(f);
    out.push({
      name: f.name,
      in: 'query',
      description: `${title}: 等于，或以逗号分隔的取值之一 / equal, or any of comma-separated values`,
      schema: value.type === 'string' ? { ...value, maxLength: MAX_FILTER_VALUE_LENGTH } : value,
    });
    for (const op of FIELD_TYPE_RULES[f.type].operators) {
      const schema = operatorSchema(f, op);
      out.push({
        name: `${f.name}[${op}]`,
        in: 'query',
        description: `${title}: ${OPERATOR_WORDS[op]}`,
        schema,
        ...(op === 'in' ? { style: 'form', explode: false } : {}),
      });
    }
  }
  return out;
}

export function versionParameters(): Parameter[] {
  const positive: Schema = { type: 'integer', minimum: 1 };
  return [
    query('asOf', '按此时刻已发布的数据 / the data as published at this instant', {
      type: 'string',
      format: 'date-time',
    }),
    query('revision', '各统计期只读此修订版 / only this revision of each period', positive),
    query('release', '只读此发布 / only this release (its id)', positive),
    query('schemaVersion', '读此模式版本的存储 / read the storage of this schema version', positive),
  ];
}

/** `fields`, `sort`, `q`: shared by rows and the exports. */
export function shapeParameters(fields: readonly FieldDef[]): Parameter[] {
  const names = fields.map((f) => f.name);
  return [
    commaList('fields', '返回的字段 / the fields returned, in order', names),
    commaList(
      'sort',
      '排序字段，`-` 为降序 / sort keys; a leading `-` sorts descending',
      names.flatMap((n) => [n, `-${n}`]),
      10,
    ),
    query('q', '在文本字段中检索 / search the text fields', { type: 'string', maxLength: 200 }),
    // Only where a field references a code list: elsewhere labels=true adds nothing.
    ...(withLabelColumns(fields).some(isLabelColumn)
      ? [
          query('labels', '加代码名称列 / add the code-list name columns', {
            type: 'boolean',
            default: false,
          }),
        ]
      : []),
  ];
}

export function rowsParameters(fields: readonly FieldDef[]): Parameter[] {
  return [
    query('limit', '每页行数 / rows per page', {
      type: 'integer',
      minimum: 1,
      maximum: MAX_LIMIT,
      default: DEFAULT_LIMIT,
    }),
    query('cursor', '下一页的游标，取自 `links.next` / the cursor of `links.next`', { type: 'string' }),
    query('include_total', '同时返回总行数 / also count the matching rows', {
      type: 'boolean',
      default: false,
    }),
    ...shapeParameters(fields),
    ...versionParameters(),
    ...filterParameters(fields),
  ];
}

export function exportParameters(fields: readonly FieldDef[]): Parameter[] {
  return [
    query('bom', '加 UTF-8 字节顺序标记 / prefix a byte-order mark', { type: 'boolean', default: false }),
    query('encoding', '字符编码 / character encoding', { type: 'string', enum: [...EXPORT_ENCODINGS] }),
    query('header', '表头样式 / header style', { type: 'string', enum: [...HEADER_STYLES] }),
    query('escapeFormulas', '转义公式前缀 / escape cells that start like a formula', {
      type: 'boolean',
      default: true,
    }),
    ...shapeParameters(fields),
    ...versionParameters(),
    ...filterParameters(fields),
  ];
}

export function aggregateParameters(fields: readonly FieldDef[], period: FieldDef): Parameter[] {
  const rollups = period.periodKind ? rollupGrains(period.periodKind).map((g) => `${period.name}:${g}`) : [];
  // A function no field allows is left out: an empty enum would admit nothing anyway.
  const measure = (fn: AggregateFunction, words: string): Parameter[] => {
    const names = fields.filter((f) => FIELD_TYPE_RULES[f.type].aggregates.includes(fn)).map((f) => f.name);
    return names.length > 0 ? [commaList(fn, words, names)] : [];
  };
  return [
    commaList('groupBy', '分组字段 / fields to group by', [...fields.map((f) => f.name), ...rollups], 8),
    {
      ...query('count', '各组行数 / count the rows of each group', { type: 'boolean', default: false }),
      allowEmptyValue: true,
    },
    ...measure('avg', '平均值 / average'),
    ...measure('min', '最小值 / minimum'),
    ...measure('max', '最大值 / maximum'),
    ...measure('sum', '合计 / sum'),
    query('limit', '最多返回的组数 / most groups returned', {
      type: 'integer',
      minimum: 1,
      maximum: MAX_LIMIT,
      default: 1000,
    }),
    query('q', '在文本字段中检索 / search the text fields', { type: 'string', maxLength: 200 }),
    ...versionParameters(),
    ...filterParameters(fields),
  ];
}
