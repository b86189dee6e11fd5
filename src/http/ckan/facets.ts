import type { DatasetSummary } from '../../catalog';
import { PACKAGE_FIELDS } from './package-fields';
import { licenseTitle } from './presenters/license';

/** The fields package_search can facet on, and what each counts. */
export const FACET_FIELDS = [
  'organization',
  'groups',
  'tags',
  'res_format',
  'license_id',
  'frequency',
  'dataset_status',
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface FacetOptions {
  facetFields: readonly FacetField[];
  /** Values per field; negative means all. */
  facetLimit: number;
  facetMincount: number;
}

/**
 * Facet counts over every matching dataset, shaped as CKAN answers them: `facets` maps each
 * value to its count (largest first, as Solr orders them, cut to `facet.limit`), and
 * `search_facets` lists the same values with a display name (an organization's title, a
 * license's title), sorted by display name from Z to A as CKAN's package_search sorts them.
 */
export function facetCounts(matched: readonly DatasetSummary[], o: FacetOptions) {
  const facets: Record<string, Record<string, number>> = {};
  const search_facets: Record<
    string,
    { title: string; items: Array<{ name: string; display_name: string; count: number }> }
  > = {};
  for (const field of o.facetFields) {
    const counts = new Map<string, number>();
    const titles = new Map<string, string>();
    for (const s of matched) {
      for (const v of new Set(PACKAGE_FIELDS[field](s))) counts.set(v, (counts.get(v) ?? 0) + 1);
      if (field === 'organization' && s.dataset.agencies[0]) {
        titles.set(s.dataset.agencies[0].id, s.dataset.agencies[0].name.zh);
      }
    }
    const ordered = [...counts]
      .filter(([, n]) => n >= o.facetMincount)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    const kept = o.facetLimit < 0 ? ordered : ordered.slice(0, o.facetLimit);
    facets[field] = Object.fromEntries(kept);
    const display = (v: string) =>
      field === 'organization' ? (titles.get(v) ?? v) : field === 'license_id' ? licenseTitle(v) : v;
    search_facets[field] = {
      title: field,
      items: kept
        .map(([name, count]) => ({ name, display_name: display(name), count }))
        .sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0)),
    };
  }
  return { facets, search_facets };
}
