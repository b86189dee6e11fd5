/**
 * What one HTTP request may make the server read before any domain rule runs. The
 * domain rooms bound what they are asked (see catalog/, query/, schemas/ and ingest/
 * `limits.ts`); these bound the transport itself.
 */

/** A JSON request body (schema documents, dataset definitions, tokens, status marks). */
export const JSON_BODY_LIMIT = '2mb';

/**
 * A multipart upload: the parts up to and including the file, the size of each text
 * field and the headers of each part. Only the first file part is read; a form that
 * sends a flood of parts ahead of it is refused instead of parsed.
 */
export const MULTIPART_LIMITS = { parts: 20, fieldSize: 64 * 1024, headerPairs: 50 } as const;

/** The user agent kept in an audit entry; any header can be up to 16 KB. */
export const MAX_AUDIT_USER_AGENT = 512;
