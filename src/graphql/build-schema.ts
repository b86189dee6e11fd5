import { GraphQLObjectType, GraphQLSchema, assertValidSchema, type GraphQLFieldConfigMap } from 'graphql';
import type { Dataset, SchemaVersion } from '../catalog';
import { catalogQueryFields } from './catalog-query';
import type { GraphQLContext } from './context';
import { bindDataset } from './field-bindings';
import { datasetRootFields } from './dataset-types';

export interface CatalogEntry {
  dataset: Dataset;
  /** The current schema version; datasets without one have no typed fields yet. */
  version: SchemaVersion;
}

/** The naming rule, stated where every client's tooling shows it. */
const NAMING = [
  '山西省公共数据开放平台 — open data under 晋政办发〔2017〕50号.',
  'Naming: a field is snake_case in REST and CSV (`avg_price`), camelCase here (`avgPrice`), and',
  'UPPER_SNAKE_CASE as a GroupBy or Order value (`AVG_PRICE`, `AVG_PRICE_DESC`); each name says',
  'which REST name it stands for. 命名：REST 与 CSV 用 snake_case，GraphQL 用 camelCase，枚举值用 UPPER_SNAKE_CASE。',
].join(' ');

function querySchema(fields: GraphQLFieldConfigMap<unknown, GraphQLContext>): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      description: NAMING,
      fields,
    }),
  });
}

/**
 * The whole API from the catalog: fixed catalog fields plus two typed root fields per
 * dataset, generated from its current schema version. A dataset whose names would clash
 * with something already taken is left out (and logged) instead of breaking the schema.
 */
export function buildSchema(entries: CatalogEntry[], warn: (message: string) => void): GraphQLSchema {
  const base = querySchema(catalogQueryFields);
  const takenTypes = new Set(Object.keys(base.getTypeMap()));
  const fields: GraphQLFieldConfigMap<unknown, GraphQLContext> = { ...catalogQueryFields };
  for (const { dataset, version } of [...entries].sort((a, b) => a.dataset.id.localeCompare(b.dataset.id))) {
    try {
      const binding = bindDataset(dataset, version, warn);
      if (binding.fields.length === 0) continue;
      const built = datasetRootFields(binding);
      const clash = [
        ...built.typeNames.filter((n) => takenTypes.has(n)),
        ...Object.keys(built.fields).filter((n) => n in fields),
      ];
      if (clash.length > 0) {
        warn(`${dataset.id}: GraphQL names already taken (${clash.join(', ')}); dataset left out`);
        continue;
      }
      built.typeNames.forEach((n) => takenTypes.add(n));
      Object.assign(fields, built.fields);
    } catch (err) {
      warn(`${dataset.id}: cannot derive GraphQL types (${(err as Error).message}); dataset left out`);
    }
  }
  const schema = querySchema(fields);
  assertValidSchema(schema);
  return schema;
}
