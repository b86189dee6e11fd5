import type { OpenAPIV3_1 } from 'openapi-types';
import type { Dataset, SchemaVersion } from '../../catalog';
import { CONTENT_TYPES, EXPORT_FORMATS } from '../../export';
import {
  FIELD_TYPE_RULES,
  isLabelColumn,
  periodField,
  publicFields,
  withLabelColumns,
  type FieldDef,
} from '../../schemas';
import {
  type Parameter,
  aggregateParameters,
  exportParameters,
  rowsParameters,
  versionParameters,
} from './dataset-parameters';
import { cellSchema } from './field-schemas';

type Schema = OpenAPIV3_1.SchemaObject;
type Operation = OpenAPIV3_1.OperationObject;

/** The OpenAPI version of openapi.yaml, which a test keeps equal. */
export const OPENAPI_VERSION = '3.1.0';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema | { $ref: string }) => ({ 'application/json': { schema } });

const ERRORS: OpenAPIV3_1.ResponsesObject = {
  '400': {
    description: '参数有误 / a parameter is invalid; `error.details` names it',
    content: json(ref('Error')),
  },
  '404': { description: '未找到 / not found', content: json(ref('Error')) },
};

function rowSchema(fields: readonly FieldDef[]): Schema {
  return {
    type: 'object',
    description:
      '一行数据；`fields` 只返回所选字段 / one row; with `fields`, only the fields chosen. ' +
      'Restricted fields are never served.',
    additionalProperties: false,
    properties: Object.fromEntries(
      withLabelColumns(fields).map((c) => [
        c.name,
        isLabelColumn(c)
          ? {
              type: ['string', 'null'],
              description: `${c.title.zh} / ${c.title.en} (with labels=true)`,
              enum: [...new Set(c.names.values()), null],
            }
          : cellSchema(c),
      ]),
    ),
  };
}

/** Per-field summaries: an object keyed by the fields that allow `fn`. */
function measureSchema(fields: readonly FieldDef[], fn: 'avg' | 'min' | 'max' | 'sum'): Schema {
  const eligible = fields.filter((f) => FIELD_TYPE_RULES[f.type].aggregates.includes(fn));
  const numeric = fn === 'avg' || fn === 'sum';
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      eligible.map((f) => [f.name, numeric ? { type: ['number', 'null'] } : cellSchema(f)]),
    ),
  };
}

function components(fields: readonly FieldDef[]): OpenAPIV3_1.ComponentsObject {
  return {
    schemas: {
      Row: rowSchema(fields),
      RowsResponse: {
        type: 'object',
        required: ['data', 'meta', 'links'],
        additionalProperties: false,
        properties: {
          data: { type: 'array', items: ref('Row') },
          meta: { type: 'object', description: 'As in /openapi.json RowsResponse.meta' },
          links: {
            type: 'object',
            required: ['self', 'next'],
            additionalProperties: false,
            properties: { self: { type: 'string' }, next: { type: ['string', 'null'] } },
          },
        },
      },
      AggregateGroup: {
        type: 'object',
        required: ['keys'],
        additionalProperties: false,
        properties: {
          keys: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(fields.map((f) => [f.name, cellSchema(f)])),
          },
          count: { type: 'integer', minimum: 0 },
          avg: measureSchema(fields, 'avg'),
          min: measureSchema(fields, 'min'),
          max: measureSchema(fields, 'max'),
          sum: measureSchema(fields, 'sum'),
        },
      },
      AggregateResponse: {
        type: 'object',
        required: ['data', 'meta'],
        additionalProperties: false,
        properties: {
          data: { type: 'array', items: ref('AggregateGroup') },
          meta: { type: 'object', description: 'As in /openapi.json AggregateResponse.meta' },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
          },
        },
      },
    },
  };
}

/**
 * The version read: the current version needs no `schemaVersion`; an older one's document
 * describes its rows only when `schemaVersion=<n>` is given, so it requires exactly that.
 */
function pinVersion(params: Parameter[], version: number, current: boolean): Parameter[] {
  return params.map((p) =>
    p.name === 'schemaVersion'
      ? { ...p, required: !current, schema: { type: 'integer' as const, enum: [version] } }
      : p,
  );
}

function operation(
  id: string,
  summary: string,
  parameters: Parameter[],
  ok: OpenAPIV3_1.ResponseObject,
): Operation {
  // The cast only bridges openapi-types' 3.0-typed parameter schemas (see Parameter).
  const params = parameters as unknown as OpenAPIV3_1.ParameterObject[];
  return { operationId: id, summary, parameters: params, responses: { '200': ok, ...ERRORS } };
}

/**
 * The OpenAPI document of one dataset's schema version: its typed row, one query parameter
 * per public field and operator its type allows, the aggregate's fields, the exports and
 * the release CSV. Restricted fields appear nowhere.
 */
export function datasetOpenApi(
  dataset: Dataset,
  version: SchemaVersion,
  serverUrl: string,
): OpenAPIV3_1.Document {
  const fields = publicFields(version.schema);
  const current = dataset.currentVersion === version.version;
  const pin = (params: Parameter[]) => pinVersion(params, version.version, current);
  const base = `/api/v1/datasets/${dataset.id}`;
  const paths: Record<string, { get: Operation }> = {
    [`${base}/rows`]: {
      get: operation('queryRows', `${dataset.title.zh}：数据行 / typed rows`, pin(rowsParameters(fields)), {
        description: '一页数据 / one page of rows',
        content: json(ref('RowsResponse')),
      }),
    },
    [`${base}/aggregate`]: {
      get: operation(
        'aggregateRows',
        `${dataset.title.zh}：分组统计 / group-by and summaries`,
        pin(aggregateParameters(fields, periodField(version.schema))),
        { description: '各组统计 / the groups', content: json(ref('AggregateResponse')) },
      ),
    },
  };
  for (const format of EXPORT_FORMATS) {
    const media = CONTENT_TYPES[format];
    paths[`${base}/export.${format}`] = {
      get: operation(
        `export_${format}`,
        `${dataset.title.zh}：导出 ${format} / export`,
        pin(exportParameters(fields)),
        {
          description: `全部匹配的行 / every matching row, as ${format}`,
          content: {
            [media]: {
              schema: format === 'json' ? { type: 'array', items: ref('Row') } : { type: 'string' },
            },
          },
        },
      ),
    };
  }
  paths[`${base}/releases/{period}/data.csv`] = {
    get: operation(
      'releaseCsv',
      `${dataset.title.zh}：某期发布的原始 CSV / one period's release as published`,
      [
        {
          name: 'period',
          in: 'path',
          required: true,
          description: `统计期 / the period (${dataset.periodKind})`,
          schema: { type: 'string' },
        },
        versionParameters().find((p) => p.name === 'revision')!,
      ],
      {
        description:
          '该期发布的 CSV，校验和见 X-Content-SHA256 / the release CSV, its sha256 in X-Content-SHA256',
        content: { 'text/csv': { schema: { type: 'string' } } },
      },
    ),
  };
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: `${dataset.title.zh} / ${dataset.title.en}`,
      version: version.semver,
      summary: `模式版本 ${version.version}（${version.semver}）的数据接口 / the data API of schema version ${version.version}`,
      description: [dataset.description.zh, dataset.description.en, `${dataset.legalBasis} ${dataset.clause}`]
        .filter(Boolean)
        .join('\n\n'),
      license: { name: dataset.licence, identifier: dataset.licence },
    },
    servers: [{ url: serverUrl }],
    // Reading needs no credentials: the empty requirement says so explicitly.
    security: [{}],
    // openapi-types types a 3.1 path item's operations with 3.0 schemas; the shapes are 3.1.
    paths: paths as unknown as OpenAPIV3_1.PathsObject,
    components: components(fields),
    'x-dataset': dataset.id,
    'x-schema-version': version.version,
  } as OpenAPIV3_1.Document;
}
