/**
 * Bounds on what a requester or an agency may write. Lengths count Unicode characters.
 * Generous for a person, small enough that a page of requests stays small.
 */
export const MAX_SUBJECT = 200;
export const MAX_DESCRIPTION = 5000;
export const MAX_PURPOSE = 1000;
export const MAX_CONTACT_NAME = 100;
export const MAX_ORGANISATION = 200;
export const MAX_PHONE = 30;
export const MAX_EMAIL = 254;
export const MAX_ADDRESS = 300;
/** Agency notes: forwarding, 补正, extension reasons, answers. */
export const MAX_NOTE = 2000;
export const MAX_REPLY = 5000;
export const MAX_LEGAL_BASIS = 500;
export const MAX_APPROVED_BY = 100;
export const MAX_ANSWER_LINKS = 20;
export const MAX_REMEDY_TEMPLATE = 2000;
/** Queue and admin lists: one page. */
export const MAX_LIST = 500;
/** Requests read to find groups for proactive disclosure, newest first, per agency. */
export const MAX_GROUPED = 2000;
