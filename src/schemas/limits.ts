/**
 * How much a schema document may ask of the server. A schema is sent by an agency, and
 * every one of its rules is then applied to every cell of every upload, so each list and
 * text in it is bounded. Lengths are in Unicode characters (code points), as JSON Schema
 * and Table Schema count them.
 */

/** PostgreSQL allows 1600 columns per table; leave headroom for system columns. */
export const MAX_FIELDS = 1000;
/** A `pattern` is compiled once per upload; real ones (codes, URLs) are under 100 characters. */
export const MAX_PATTERN_LENGTH = 1000;
/** Members of one `enum`; code lists (GB/T 2260 counties, product catalogues) stay far below. */
export const MAX_ENUM_VALUES = 5000;
/** Entries of `missingValues`; every cell is compared with each of them. */
export const MAX_MISSING_VALUES = 50;
/** A title, unit, format, rdfType, missing value or enum text. */
export const MAX_SHORT_TEXT = 200;
/** A field description. */
export const MAX_DESCRIPTION = 2000;
