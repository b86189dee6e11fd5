import type {
  Agency,
  DatasetSummary,
  Interpretation,
  ReleaseRecord,
  ReleaseStatus,
  SchemaVersion,
} from '../../catalog';
import { parsePeriod, periodLabelEn, periodLabelZh } from '../../periods';
import { tableSchemaDocument } from '../../schemas';
import type { ApiSchemas } from '../contract';

export const SAMPLE_NOTICE = {
  zh: '示例数据（合成），非官方统计',
  en: 'Synthetic sample data, not official statistics',
};

export function agencyJson(a: Agency): ApiSchemas['Agency'] {
  return { id: a.id, name: a.name, homepage: a.homepage };
}

export function periodJson(period: string): ApiSchemas['Period'];
export function periodJson(period: string | null): ApiSchemas['Period'] | null;
export function periodJson(period: string | null): ApiSchemas['Period'] | null {
  if (period === null) return null;
  const p = parsePeriod(period);
  return { id: period, label: { zh: periodLabelZh(p), en: periodLabelEn(p) } };
}

export function datasetJson({ dataset: d, stats }: DatasetSummary): ApiSchemas['Dataset'] {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    agencies: d.agencies.map((a, i) => ({ ...agencyJson(a), role: i === 0 ? 'lead' : 'partner' })),
    legalBasis: d.legalBasis,
    clause: d.clause,
    citation: `${d.legalBasis} ${d.clause}`,
    cadence: d.cadence,
    periodKind: d.periodKind,
    season: d.season,
    dueRule: { ...d.dueRule, timeZone: 'Asia/Shanghai' },
    firstPeriod: d.firstPeriod,
    leadTime: d.leadTime,
    requiresInterpretation: d.requiresInterpretation === true,
    licence: d.licence,
    themes: d.themes,
    tags: d.tags,
    disclosure: d.disclosure,
    status: d.status,
    sample: d.isSample,
    sampleNotice: d.isSample ? SAMPLE_NOTICE : null,
    graphqlName: d.graphqlName,
    currentSchemaVersion: d.currentVersion,
    rowCount: stats.rowCount,
    releaseCount: stats.releaseCount,
    periodRange: { first: periodJson(stats.firstPeriod), last: periodJson(stats.lastPeriod) },
    lastUpdated: stats.lastUpdated ? stats.lastUpdated.toISOString() : null,
    createdAt: d.createdAt,
    links: {
      self: `/api/v1/datasets/${d.id}`,
      schema: `/api/v1/datasets/${d.id}/schema`,
      releases: `/api/v1/datasets/${d.id}/releases`,
    },
  };
}

export function schemaVersionJson(
  v: SchemaVersion,
  options: { includeRestricted?: boolean } = {},
): ApiSchemas['SchemaVersion'] {
  return {
    datasetId: v.datasetId,
    version: v.version,
    semver: v.semver,
    changeLevel: v.changeLevel,
    changes: v.changes,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    // The public Table Schema: restricted fields (the negative list) are never shown,
    // except to the agency responsible, which asks for its editing view.
    // Built key by key from the stored document (extensions included), so only its outline
    // is typed; the integration tests hold the whole document to openapi.yaml with Ajv.
    schema: tableSchemaDocument(v.schema, options) as ApiSchemas['TableSchema'],
  };
}

/** 解读 as stored: Markdown text is data here, never HTML; links are http(s) only. */
export function interpretationJson(i: Interpretation): ApiSchemas['Interpretation'] {
  return {
    agency: i.agency,
    date: i.publishedOn,
    format: 'markdown' as const,
    text: i.body.zh === null ? null : { zh: i.body.zh, en: i.body.en },
    url: i.url,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function releaseJson(
  r: ReleaseRecord,
  status: ReleaseStatus,
  interpretation?: Interpretation,
): ApiSchemas['Release'] {
  return {
    id: r.id,
    datasetId: r.datasetId,
    period: periodJson(r.period),
    revision: r.revision,
    schemaVersion: r.schemaVersion,
    rowCount: r.rowCount,
    sha256: r.sha256,
    status,
    publishedAt: status === 'scheduled' ? null : r.publishAt.toISOString(),
    publishAt: r.publishAt.toISOString(),
    createdBy: r.createdBy,
    note: r.note,
    revisionReason: r.revisionReason,
    createdAt: r.createdAt.toISOString(),
    interpretation: interpretation ? interpretationJson(interpretation) : null,
    withdrawal: r.withdrawal
      ? {
          withdrawnAt: r.withdrawal.at.toISOString(),
          reason: r.withdrawal.reason,
          withdrawnBy: r.withdrawal.by,
        }
      : null,
  };
}
