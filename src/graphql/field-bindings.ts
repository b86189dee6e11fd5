import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLString,
  type GraphQLInputObjectType,
  type GraphQLScalarType,
} from 'graphql';
import type { Dataset, SchemaVersion } from '../catalog';
import { isNumericType, isOrderedType, periodField, publicFields, type FieldDef } from '../schemas';
import { FILTER_INPUTS } from './filters';
import { constantCase, datasetFieldName, fieldGraphqlName, typeNameFor } from './names';
import { DateScalar, PeriodScalar, SafeIntScalar } from './scalars';

/** How one public schema field appears in GraphQL. */
export interface FieldBinding {
  def: FieldDef;
  /** Field name in node, filter, keys and measure types. */
  gqlName: string;
  /** Stem of its enum values: AVG_PRICE, AVG_PRICE_DESC. */
  constName: string;
  scalar: GraphQLScalarType;
  filter: GraphQLInputObjectType;
  /** min/max apply (an ordered type, schemas/field-type-rules.ts). */
  ordered: boolean;
  /** avg/sum apply. */
  numeric: boolean;
}

/** Everything generated for one dataset, from its current schema version. */
export interface DatasetBinding {
  dataset: Dataset;
  version: SchemaVersion;
  rootName: string;
  typeName: string;
  periodName: string;
  fields: FieldBinding[];
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const GRAPHQL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function fitsInt32(f: FieldDef): boolean {
  const { minimum, maximum } = f.constraints ?? {};
  return (
    typeof minimum === 'number' && typeof maximum === 'number' && minimum >= INT32.min && maximum <= INT32.max
  );
}

function scalarOf(f: FieldDef): { scalar: GraphQLScalarType; filter: GraphQLInputObjectType } {
  switch (f.type) {
    case 'string':
      return { scalar: GraphQLString, filter: FILTER_INPUTS.string };
    case 'integer':
      return fitsInt32(f)
        ? { scalar: GraphQLInt, filter: FILTER_INPUTS.int }
        : { scalar: SafeIntScalar, filter: FILTER_INPUTS.safeInt };
    case 'number':
      return { scalar: GraphQLFloat, filter: FILTER_INPUTS.float };
    case 'boolean':
      return { scalar: GraphQLBoolean, filter: FILTER_INPUTS.boolean };
    case 'date':
      return { scalar: DateScalar, filter: FILTER_INPUTS.date };
    case 'year':
      return { scalar: GraphQLInt, filter: FILTER_INPUTS.int };
    case 'yearmonth':
      return { scalar: GraphQLString, filter: FILTER_INPUTS.orderedString };
    case 'period':
      return { scalar: PeriodScalar, filter: FILTER_INPUTS.period };
  }
}

export function bindDataset(
  dataset: Dataset,
  version: SchemaVersion,
  warn: (message: string) => void,
): DatasetBinding {
  const seen = new Set<string>();
  const fields: FieldBinding[] = [];
  for (const def of publicFields(version.schema)) {
    const gqlName = fieldGraphqlName(def);
    // A later field that would shadow an earlier name is left out rather than breaking the schema.
    if (!GRAPHQL_NAME.test(gqlName) || seen.has(gqlName) || seen.has(constantCase(gqlName))) {
      warn(`${dataset.id}: field ${def.name} has an unusable or duplicate GraphQL name ${gqlName}`);
      continue;
    }
    seen.add(gqlName).add(constantCase(gqlName));
    fields.push({
      def,
      gqlName,
      constName: constantCase(gqlName),
      ...scalarOf(def),
      ordered: isOrderedType(def.type),
      numeric: isNumericType(def.type),
    });
  }
  const rootName = datasetFieldName(dataset);
  return {
    dataset,
    version,
    rootName,
    typeName: typeNameFor(rootName),
    periodName: periodField(version.schema).name,
    fields,
  };
}

export function describeField(f: FieldDef): string {
  const unit = f.unit ? `（${f.unit}）` : '';
  const more = [f.description?.zh, f.description?.en].filter(Boolean).join(' / ');
  return `${f.title.zh} / ${f.title.en}${unit}${more ? `. ${more}` : ''} [${f.name}: ${f.type}]`;
}
