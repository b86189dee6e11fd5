import {
  STATUS_LABEL_ZH,
  type DatasetSnapshot,
  type DatasetStats,
  type DatasetSummary,
} from '../../../catalog';
import { listedReleases } from '../resources';
import { licenseFields } from './license';
import { groupDict, organizationDict, tagDict } from './organization';
import { fullDataResource, releaseResource } from './resource';
import { ckanTime, latest } from './timestamp';

type Extra = { key: string; value: string };

/** CKAN extras are text; a missing value is left out rather than written as "null". */
function extras(pairs: Array<[string, string | number | boolean | null | undefined]>): Extra[] {
  return pairs.flatMap(([key, v]) => (v === null || v === undefined ? [] : [{ key, value: String(v) }]));
}

/** When anything a reader can see last changed: the record itself or its newest public release. */
export function metadataModified(s: { dataset: { updatedAt: string }; stats: DatasetStats }): Date | null {
  return latest(s.dataset.updatedAt, s.stats.lastUpdated);
}

/**
 * A dataset as CKAN's package dict. Its resources are the full-data table and each period's
 * current release, both as public at `at`; the 废止/失效 mark is in `dataset_status` and the
 * extras. Time-dependent figures come from `stats`, which count public releases only.
 */
export function packageDict(summary: DatasetSummary, snapshot: DatasetSnapshot, base: string, at: Date) {
  const { dataset: d, stats } = summary;
  const [lead, ...partners] = d.agencies;
  const releases = listedReleases(snapshot, at);
  const resources =
    d.currentVersion === null
      ? []
      : [
          fullDataResource(d, stats, base),
          ...releases.map((r, i) => releaseResource(r, snapshot.releases, i + 1, base, at)),
        ];
  const semver = snapshot.versions.find((v) => v.version === d.currentVersion)?.semver ?? null;
  return {
    id: d.id,
    name: d.id,
    title: d.title.zh,
    notes: d.description.zh,
    title_translated: d.title,
    notes_translated: d.description,
    type: 'dataset',
    state: 'active',
    private: false,
    url: `${base}/catalog/${d.id}`,
    version: semver,
    author: lead?.name.zh ?? null,
    author_email: null,
    maintainer: null,
    maintainer_email: null,
    ...licenseFields(d.licence),
    metadata_created: ckanTime(d.createdAt),
    metadata_modified: ckanTime(metadataModified(summary)),
    owner_org: lead?.id ?? null,
    organization: lead ? organizationDict(lead) : null,
    groups: d.themes.map((t) => groupDict(t)),
    tags: d.tags.map(tagDict),
    num_tags: d.tags.length,
    resources,
    num_resources: resources.length,
    frequency: d.cadence,
    dataset_status: { ...d.status },
    sample: d.isSample,
    extras: extras([
      ['legal_basis', d.legalBasis],
      ['clause', d.clause],
      ['frequency', d.cadence],
      ['period_kind', d.periodKind],
      ['due_rule', `${d.dueRule.offset} ${d.dueRule.time} Asia/Shanghai`],
      ['first_period', d.firstPeriod],
      ['temporal_start', stats.firstPeriod],
      ['temporal_end', stats.lastPeriod],
      ['status', d.status.status],
      ['status_label', STATUS_LABEL_ZH[d.status.status]],
      ['status_date', d.status.date],
      ['status_reason', d.status.reason],
      ['partner_agencies', partners.length ? partners.map((a) => a.id).join(',') : null],
      ['disclosure', d.disclosure],
      ['sample', d.isSample],
      ['schema_version', semver],
      ['row_count', stats.rowCount],
      ['release_count', stats.releaseCount],
      ['title_en', d.title.en],
      ['notes_en', d.description.en],
    ]),
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}
