import type { Knex } from 'knex';
import {
  allDatasets,
  datasetSnapshots,
  currentReleases,
  visibleStats,
  type DatasetSummary,
  type ReleaseRecord,
} from '../../catalog';

/** One dataset as the public sees it at one instant: its record, figures and current releases. */
export interface PublicEntry {
  summary: DatasetSummary;
  /** Each period's newest revision whose publishAt has passed; embargoed ones never appear. */
  releases: ReleaseRecord[];
}

const NO_STATS = { releaseCount: 0, rowCount: 0, firstPeriod: null, lastPeriod: null, lastUpdated: null };

/**
 * The whole catalogue at `at`, in a handful of round trips whatever its size. Visibility is
 * the catalogue's own rule (currentReleases over the snapshots, visibleStats for the figures), so
 * this view cannot drift from what REST, CKAN and the pages show.
 */
export async function publicCatalog(knex: Knex, at: Date): Promise<PublicEntry[]> {
  const datasets = await allDatasets(knex);
  const ids = datasets.map((d) => d.id);
  const [snapshots, stats] = await Promise.all([datasetSnapshots(knex, ids), visibleStats(knex, ids, at)]);
  return datasets.map((dataset) => ({
    summary: { dataset, stats: stats.get(dataset.id) ?? NO_STATS },
    releases: currentReleases(snapshots.get(dataset.id)?.releases ?? [], at),
  }));
}
