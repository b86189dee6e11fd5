import { releaseStatus, type Dataset, type DatasetStats, type ReleaseRecord } from '../../../catalog';
import { parsePeriod, periodLabelEn, periodLabelZh } from '../../../periods';
import { releaseResourceId } from '../resources';
import { ckanTime } from './timestamp';

/** Keys every CKAN resource has, with the values a file served here has for them. */
const COMMON = {
  format: 'CSV',
  mimetype: 'text/csv',
  mimetype_inner: null,
  url_type: null,
  resource_type: null,
  cache_url: null,
  cache_last_updated: null,
  size: null,
  state: 'active',
  datastore_active: true,
};

/** One release: its canonical CSV, checksum and period. Superseded revisions say so. */
export function releaseResource(
  r: ReleaseRecord,
  all: readonly ReleaseRecord[],
  position: number | null,
  base: string,
  at: Date,
) {
  const p = parsePeriod(r.period);
  return {
    ...COMMON,
    id: releaseResourceId(r),
    package_id: r.datasetId,
    name: `${r.period} ${periodLabelZh(p)}`,
    description: `${periodLabelEn(p)}, revision ${r.revision}, ${r.rowCount} rows${r.revisionReason ? ` (${r.revisionReason})` : ''}`,
    url: `${base}/api/v1/datasets/${r.datasetId}/releases/${r.period}/data.csv?revision=${r.revision}`,
    hash: r.sha256,
    hash_algorithm: 'sha256',
    created: ckanTime(r.publishAt),
    last_modified: ckanTime(r.publishAt),
    metadata_modified: ckanTime(r.publishAt),
    position,
    period: r.period,
    revision: r.revision,
    release_id: r.id,
    release_status: releaseStatus(r, all, at),
    schema_version: r.schemaVersion,
    row_count: r.rowCount,
  };
}

/** All the dataset's current rows as one table: what datastore_search reads and the dump streams. */
export function fullDataResource(d: Dataset, stats: DatasetStats, base: string) {
  return {
    ...COMMON,
    id: d.id,
    package_id: d.id,
    name: '全部数据 / All data',
    description:
      'Every current release as one table: query it with datastore_search, download it from the DataStore dump (csv, tsv, json).',
    url: `${base}/datastore/dump/${d.id}`,
    hash: '',
    created: ckanTime(d.createdAt),
    last_modified: ckanTime(stats.lastUpdated),
    metadata_modified: ckanTime(stats.lastUpdated),
    position: 0,
    schema_version: d.currentVersion,
    row_count: stats.rowCount,
  };
}
