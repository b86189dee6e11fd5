import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
} from 'graphql';
import { rollupGrains, rollupRule } from '../query';
import { connectionTypes, pageArgs } from './connection';
import type { GraphQLContext } from './context';
import { DataMetaType } from './data-meta';
import { resolveAggregate, resolveRows } from './dataset-resolvers';
import { describeField, type DatasetBinding, type FieldBinding } from './field-bindings';
import { DateTimeScalar } from './scalars';
import { listOf } from './wrappers';

type Row = Record<string, unknown>;
const GRAIN_ZH = { month: '月', quarter: '季度', half: '半年', year: '年' } as const;
const listArg = <T extends GraphQLNullableType>(t: T) => new GraphQLList(new GraphQLNonNull(t));

function valueFields(fields: FieldBinding[], scalar?: (f: FieldBinding) => typeof f.scalar) {
  return Object.fromEntries(
    fields.map((f) => [
      f.gqlName,
      {
        type: scalar ? scalar(f) : f.scalar,
        description: describeField(f.def),
        resolve: (row: Row) => row[f.def.name] ?? null,
      },
    ]),
  );
}

function datasetDescription(b: DatasetBinding): string {
  const d = b.dataset;
  const status =
    d.status.status === 'active'
      ? ''
      : ` 【${d.status.label} ${d.status.date ?? ''}：${d.status.reason ?? ''}】`;
  const sample = d.isSample ? ' 示例数据（合成），非官方统计 / synthetic sample data.' : '';
  return `${d.title.zh} / ${d.title.en} (dataset ${d.id}, schema ${b.version.semver}). ${d.legalBasis} ${d.clause}.${status}${sample}`;
}

const SHARED_ARGS = {
  search: {
    type: GraphQLString,
    description: 'Every word must occur in some text field (like REST `q`).',
  },
  asOf: {
    type: DateTimeScalar,
    description:
      'Read the data as published at this instant (default: now). 按某一时刻公布的数据读取（默认：现在）。',
  },
  revision: {
    type: GraphQLInt,
    description:
      'Read only revision n of each period (periods without it are absent), like REST `revision`. 只读各统计期的第 n 次修订。',
  },
  release: {
    type: GraphQLInt,
    description:
      'Read only this release (its `id`), superseded revisions included, like REST `release`; an unknown or embargoed id is NOT_FOUND. 只读指定的发布。',
  },
  schemaVersion: {
    type: GraphQLInt,
    description:
      'Read the storage of this schema version (releases published under an older MAJOR version), like REST `schemaVersion`; select only fields that version has. 按指定的结构版本读取。',
  },
};

/** The typed root fields of one dataset: `<name>` (rows) and `<name>Aggregate`. */
export function datasetRootFields(b: DatasetBinding): {
  fields: GraphQLFieldConfigMap<unknown, GraphQLContext>;
  typeNames: string[];
} {
  const T = b.typeName;
  // Rows arrive keyed by GraphQL field name (see resolveRows), so no field needs a resolver
  // and compiled execution reads each value straight off the row.
  const node = new GraphQLObjectType<Row>({
    name: T,
    description: `One row of ${b.dataset.title.zh} / ${b.dataset.title.en}.`,
    fields: Object.fromEntries(
      b.fields.map((f) => [f.gqlName, { type: f.scalar, description: describeField(f.def) }]),
    ),
  });
  const filter = new GraphQLInputObjectType({
    name: `${T}Filter`,
    description: 'Conditions on fields; all must hold. 字段条件，须全部满足。',
    fields: Object.fromEntries(
      b.fields.map((f) => [f.gqlName, { type: f.filter, description: f.def.title.zh }]),
    ),
  });
  const order = new GraphQLEnumType({
    name: `${T}Order`,
    description: 'A sort key: a field, ascending or descending. 排序键：字段升序或降序。',
    values: Object.fromEntries(
      b.fields.flatMap((f) => [
        [
          `${f.constName}_ASC`,
          { value: f.def.name, description: `${f.def.title.zh} 升序 / ${f.def.title.en}, ascending` },
        ],
        [
          `${f.constName}_DESC`,
          { value: `-${f.def.name}`, description: `${f.def.title.zh} 降序 / ${f.def.title.en}, descending` },
        ],
      ]),
    ),
  });
  const groupBy = new GraphQLEnumType({
    name: `${T}GroupBy`,
    description: 'A field to group by (REST `groupBy`, in snake_case there). 分组字段。',
    values: Object.fromEntries([
      ...b.fields.map((f) => [
        f.constName,
        { value: f.def.name, description: `${f.def.title.zh} / ${f.def.title.en} (REST \`${f.def.name}\`)` },
      ]),
      // The period rolled up to a coarser one, e.g. PERIOD_MONTH (REST `period:month`).
      ...b.fields
        .filter((f) => f.def.type === 'period' && f.def.periodKind)
        .flatMap((f) =>
          rollupGrains(f.def.periodKind!).map((grain) => [
            `${f.constName}_${grain.toUpperCase()}`,
            {
              value: `${f.def.name}:${grain}`,
              description: `${f.def.title.zh}按${GRAIN_ZH[grain]}汇总 / ${f.def.title.en} rolled up to ${grain}s (REST \`${f.def.name}:${grain}\`; ${rollupRule(f.def.periodKind!)})`,
            },
          ]),
        ),
    ]),
  });
  const connection = connectionTypes(T, node, () => ({
    totalCount: {
      type: GraphQLInt,
      description: 'Rows matching the filter; an estimate above 100,000 (see totalCountExact).',
    },
    totalCountExact: { type: GraphQLBoolean },
    meta: { type: new GraphQLNonNull(DataMetaType) },
  }));

  const numeric = b.fields.filter((f) => f.numeric);
  const ordered = b.fields.filter((f) => f.ordered);
  const measure = (name: string, fields: FieldBinding[], float: boolean) =>
    fields.length === 0
      ? undefined
      : new GraphQLObjectType<Row>({
          name,
          description: `${float ? 'Averages or sums' : 'Minimums or maximums'} of the group's rows, per field. 各字段的统计值。`,
          fields: valueFields(fields, float ? () => GraphQLFloat : undefined),
        });
  const numericType = measure(`${T}NumericAggregate`, numeric, true);
  const orderedType = measure(`${T}OrderedAggregate`, ordered, false);
  const keysType = new GraphQLObjectType<Row>({
    name: `${T}AggregateKeys`,
    description: 'The values that define a group (the groupBy fields; others null). 分组键值。',
    fields: valueFields(b.fields),
  });
  const bucket = (type: GraphQLObjectType | undefined, fn: string, what: string) =>
    type ? { [fn]: { type, description: what } } : {};
  const group = new GraphQLObjectType({
    name: `${T}Aggregate`,
    description: 'One group: its key values and the statistics of its rows.',
    fields: {
      keys: {
        type: new GraphQLNonNull(keysType),
        description: 'Values of the groupBy fields (others null).',
      },
      count: { type: GraphQLInt, description: 'Rows in the group.' },
      ...bucket(numericType, 'avg', 'Averages.'),
      ...bucket(numericType, 'sum', 'Sums.'),
      ...bucket(orderedType, 'min', 'Minimums.'),
      ...bucket(orderedType, 'max', 'Maximums.'),
    },
  });

  const rows: GraphQLFieldConfig<unknown, GraphQLContext> = {
    type: new GraphQLNonNull(connection),
    description: datasetDescription(b),
    args: {
      filter: { type: filter },
      orderBy: {
        type: listArg(order),
        description: 'Sort keys in order; period, then upload order, break ties.',
      },
      ...SHARED_ARGS,
      ...pageArgs(100),
    },
    extensions: { datasetId: b.dataset.id, kind: 'rows' },
    resolve: resolveRows(b),
  };
  const aggregate: GraphQLFieldConfig<unknown, GraphQLContext> = {
    type: listOf(group),
    description: `Group-by statistics over ${b.rootName}, ordered by the group keys.`,
    args: {
      groupBy: { type: listArg(groupBy) },
      filter: { type: filter },
      ...SHARED_ARGS,
      first: { type: GraphQLInt, defaultValue: 1000, description: 'Most groups to return.' },
    },
    extensions: { datasetId: b.dataset.id, kind: 'aggregate' },
    resolve: resolveAggregate(b),
  };
  const typeNames = [T, `${T}Filter`, `${T}Order`, `${T}GroupBy`, `${T}Connection`, `${T}Edge`];
  typeNames.push(`${T}AggregateKeys`, `${T}Aggregate`, `${T}NumericAggregate`, `${T}OrderedAggregate`);
  return { fields: { [b.rootName]: rows, [`${b.rootName}Aggregate`]: aggregate }, typeNames };
}
