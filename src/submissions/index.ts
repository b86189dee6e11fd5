/**
 * What every public submission (data requests, feedback) needs before any domain rule runs:
 * bounded text fields, a tracking number and a spam verdict. Their steps are audited like
 * every action (catalog/acting.ts). No HTTP.
 */
export { checkText, optionalText, type Issue } from './text-fields';
export { spamVerdict, MAX_LINKS, type SpamReason, type SpamVerdict } from './spam';
export { newTrackingNumber, TRACKING_NUMBER_RE } from './tracking-number';
