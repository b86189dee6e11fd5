/**
 * How much one read may ask for. Every read is planned and run against tables of
 * millions of rows, so each list a client can lengthen (filters, IN values, sort keys,
 * group-by fields, measures) and each text it sends to the database is bounded here; a
 * breach is `400 invalid_parameter` (or `invalid_filter_value`) naming the parameter.
 * The search text `q` is bounded by the catalogue (MAX_SEARCH_LENGTH), whose rule it shares.
 */

/** Rows per page and groups per aggregate. */
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;

/**
 * Rows an offset may skip. Each skipped row is still read and thrown away, so a deep offset
 * costs as much as reading everything before it; a cursor (REST `next`, the CKAN API's
 * `_links.next`) reaches any depth at the cost of one page.
 */
export const MAX_OFFSET = 1_000_000;

/** Filters of one request; each is a condition on every row read. */
export const MAX_FILTERS = 50;

/** Values of one `in` filter (REST `city=a,b,…` or `city[in]=…`, GraphQL `in: […]`). */
export const MAX_IN_VALUES = 1000;

/** Characters of one filter value; a `contains` value is matched inside every row's text. */
export const MAX_FILTER_VALUE_LENGTH = 500;

/** Keys of `sort`; the keyset condition after a cursor grows with their square. */
export const MAX_SORT_KEYS = 10;

/** Fields of `groupBy`. */
export const MAX_GROUP_BY = 8;

/** Measures of one aggregate, summed over avg, min, max and sum. */
export const MAX_MEASURES = 20;

/** Words of `q` that are searched; further words are ignored. */
export const MAX_SEARCH_WORDS = 10;
