/**
 * How much one upload or request body may make the server hold or walk at once. The
 * whole upload is bounded by UPLOAD_LIMIT_BYTES (config); these bound its parts, so that
 * memory and CPU stay proportional to a record, not to what a client chooses to nest.
 */

/**
 * One record: a CSV record or NDJSON line in characters, a JSON array element in UTF-8
 * bytes. A real row is a few hundred bytes; this leaves room for long free-text cells.
 */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/**
 * Columns of a CSV header, or keys of one JSON record. Schemas have at most 1000 fields;
 * the rest is room for blank columns that spreadsheets leave behind.
 */
export const MAX_UPLOAD_COLUMNS = 2000;

/**
 * JSON nesting in an upload, counting a record as depth 1. Records are flat; depth 2 (an
 * object or array as a value) is still read so the report can name its row and column.
 */
export const MAX_RECORD_DEPTH = 2;

/** JSON nesting of a request body (schema documents, dataset definitions, GraphQL). */
export const MAX_JSON_BODY_DEPTH = 64;
