/**
 * What every public submission (data requests, feedback) needs before any domain rule runs:
 * bounded text fields, a tracking number, a spam verdict, and the audit entry of each step
 * (written in the step's transaction). No HTTP.
 */
export { checkText, optionalText, type Issue } from './text-fields';
export { spamVerdict, MAX_LINKS, type SpamReason, type SpamVerdict } from './spam';
export { newTrackingNumber, TRACKING_NUMBER_RE } from './tracking-number';
export { auditActing, type Acting } from './acting';
