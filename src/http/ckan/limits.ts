/**
 * What one CKAN Action API call may ask for. The row limits are CKAN's own defaults
 * (`ckan.search.rows_max`, `ckan.datastore.search.rows_max`); a larger value is cut to
 * the maximum, as CKAN does, not refused. The rest bound text and lists the query
 * translation walks; the domain bounds what reaches the planner (filters, IN values,
 * sort keys, offset, `q`).
 */

/** Datasets per package_search page (default 10). */
export const MAX_ROWS = 1000;
export const DEFAULT_ROWS = 10;

/** Records per datastore_search call (default 100); read in pages of the planner's MAX_LIMIT. */
export const MAX_RECORDS = 32_000;
export const DEFAULT_RECORDS = 100;

/** Characters of a package_search `q`, `fq` or one `fq_list` item, before it is parsed. */
export const MAX_QUERY_LENGTH = 2000;

/** Items of `fq_list` and of `facet.field`. */
export const MAX_QUERY_LIST = 20;

/** Names of `fields` in datastore_search: as many as a schema may have fields. */
export { MAX_FIELDS } from '../../schemas';

/** Organizations, groups or tags one list call returns. */
export const MAX_LIST = 1000;
