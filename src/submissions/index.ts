/**
 * What every public submission (data requests, feedback) needs before any domain rule runs:
 * bounded text fields, a tracking number, and a spam verdict. No database, no HTTP.
 */
export { checkText, optionalText, type Issue } from './text-fields';
export { spamVerdict, MAX_LINKS, type SpamVerdict } from './spam';
export { newTrackingNumber, TRACKING_NUMBER_RE } from './tracking-number';
export type { Acting } from './acting';
