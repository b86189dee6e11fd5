import { ValidationError } from '../errors';
import { keyPath } from './names';
import type { SchemaIssue } from './types';

// A pathological document (thousands of broken fields) should not turn into a
// multi-megabyte error response; the first problems are enough to fix the upload.
const MAX_ISSUES = 200;

export class Issues {
  readonly list: SchemaIssue[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message });
    else this.dropped++;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  throwIfAny(): void {
    if (this.count === 0) return;
    const details = [...this.list];
    if (this.dropped > 0) details.push({ path: '$', message: `${this.dropped} further problems not listed` });
    throw schemaError(details);
  }
}

export function schemaError(details: SchemaIssue[]): ValidationError {
  return new ValidationError('invalid_schema', `Schema document has ${details.length} problem(s)`, [
    ...details,
  ]);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export const isExtensionKey = (key: string): key is `x-${string}` => key.startsWith('x-');

/**
 * Strictness catches typos ('contraints', 'primarykey') that would otherwise silently
 * drop a rule; 'x-' keys are the sanctioned escape hatch where extensions are allowed.
 */
export function rejectUnknownKeys(
  obj: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  path: string,
  issues: Issues,
  allowExtensions = true,
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.has(key) || (allowExtensions && isExtensionKey(key))) continue;
    issues.add(keyPath(path, key), `Unknown property "${key}"`);
  }
}

/** Deep copy so a normalised schema shares nothing with the caller's document. */
export function cloneJson(value: unknown, path: string, issues: Issues): unknown {
  try {
    return structuredClone(value);
  } catch {
    issues.add(path, 'Value must be plain JSON data');
    return undefined;
  }
}

/** Copies 'x-' extension keys, which we keep but never interpret. */
export function copyExtensions(
  from: Record<string, unknown>,
  to: { [key: `x-${string}`]: unknown },
  path: string,
  issues: Issues,
): void {
  for (const [key, value] of Object.entries(from)) {
    if (isExtensionKey(key)) to[key] = cloneJson(value, keyPath(path, key), issues);
  }
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
