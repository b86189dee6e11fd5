import type { DatasetSummary } from '../../catalog';
import { metadataModified } from './presenters/package';
import { ckanTime } from './presenters/timestamp';

/**
 * The fields of a dataset as CKAN's search index has them: what `q` and `fq` clauses may
 * name and facets count, and the values each holds for one dataset.
 */
export const PACKAGE_FIELDS = {
  id: (s) => [s.dataset.id],
  name: (s) => [s.dataset.id],
  organization: (s) => (s.dataset.agencies[0] ? [s.dataset.agencies[0].id] : []),
  owner_org: (s) => (s.dataset.agencies[0] ? [s.dataset.agencies[0].id] : []),
  tags: (s) => s.dataset.tags,
  groups: (s) => s.dataset.themes,
  res_format: (s) => (s.dataset.currentVersion === null ? [] : ['CSV']),
  license_id: (s) => [s.dataset.licence],
  frequency: (s) => [s.dataset.cadence],
  dataset_status: (s) => [s.dataset.status.status],
  metadata_modified: (s) => [ckanTime(metadataModified(s))!],
  metadata_created: (s) => [ckanTime(s.dataset.createdAt)!],
  state: () => ['active'],
  type: () => ['dataset'],
  dataset_type: () => ['dataset'],
  capacity: () => ['public'],
  private: () => ['false'],
} satisfies Record<string, (s: DatasetSummary) => string[]>;
export const QUERY_FIELDS = new Set(Object.keys(PACKAGE_FIELDS));

/** A dataset as the document `q` and `fq` clauses are matched against. */
export function documentOf(s: DatasetSummary): Map<string, string[]> {
  return new Map(Object.entries(PACKAGE_FIELDS).map(([k, f]) => [k, f(s)]));
}
