/**
 * Bounds on what a client may ask the catalogue to store or search. Every text here is
 * stored, indexed for search (character bigrams) and repeated in listings, audit entries
 * and GraphQL answers, so its size is decided here, not by whoever sends it. Lengths are
 * in Unicode characters (code points), as JSON Schema's maxLength counts them.
 */

/** `q`, the catalogue search (REST, GraphQL, the HTML catalogue) and the row search. */
export const MAX_SEARCH_LENGTH = 200;

/** A name or label: token names, agency names, dataset titles, clause, legal basis, licence, tags, themes. */
export const MAX_NAME_LENGTH = 200;

/** A free text: descriptions, a status mark's reason, a release note or revision reason, a homepage URL. */
export const MAX_TEXT_LENGTH = 2000;

/** Agencies responsible for one dataset; each is looked up when the dataset is created. */
export const MAX_DATASET_AGENCIES = 50;

/** Tags, or themes, of one dataset. */
export const MAX_DATASET_LABELS = 50;

/** An interpretation's text in each language (解读 run to a few pages) and its link. */
export const MAX_INTERPRETATION_LENGTH = 20_000;
export const MAX_URL_LENGTH = 2000;
