/** Bounds on a report and its answer; lengths count Unicode characters. */
export const MAX_FEEDBACK_DESCRIPTION = 2000;
export const MAX_FEEDBACK_RESPONSE = 2000;
export const MAX_FEEDBACK_EMAIL = 254;
/** A row is named by its key: at most this many fields, each value this long. */
export const MAX_ROW_KEYS = 20;
export const MAX_ROW_VALUE = 200;
/** One page of a list. */
export const MAX_FEEDBACK_LIST = 500;
