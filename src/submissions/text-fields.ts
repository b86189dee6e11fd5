import { longerThan } from '../schemas';

/** A problem with one input field, named by its JSON path (`$.contact.email`). */
export type Issue = { path: string; message: string };

// C0 controls other than tab and newlines, and DEL: nothing a person types, and a way to
// smuggle terminal escapes into an agency's logs or exports.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A required text of at most `max` characters (Unicode code points, as in JSON Schema).
 * Returns the trimmed text, or undefined after recording the issue.
 */
export function checkText(issues: Issue[], path: string, value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  return bounded(issues, path, value, max);
}

/** Like checkText, but absent, null or blank is allowed and reads as null. */
export function optionalText(issues: Issue[], path: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return null;
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return null;
  }
  return bounded(issues, path, value, max) ?? null;
}

function bounded(issues: Issue[], path: string, value: string, max: number): string | undefined {
  const text = value.trim();
  if (longerThan(text, max)) {
    issues.push({ path, message: `must be at most ${max} characters` });
    return undefined;
  }
  if (CONTROL.test(text)) {
    issues.push({ path, message: 'must not contain control characters' });
    return undefined;
  }
  return text;
}
