import { ValidationError } from '../../errors';

/** CKAN's boolean_validator words, and the ones our REST API reads. */
const TRUE = /^(1|true|t|yes|y|on)$/i;
const FALSE = /^(0|false|f|no|n|off)$/i;

const refuse = (parameter: string, message: string, extra: object = {}) =>
  new ValidationError('invalid_parameter', message, { parameter, ...extra });

/**
 * An action's data dict, whichever way it came: query parameters (GET), a JSON object or a
 * form (POST). Values from a URL are text, so each reader accepts what CKAN's validators
 * accept: a JSON value or its text (`filters={"city":"140100"}`), a list or a
 * comma-separated string (`fields`), `true`/`"true"`, `5`/`"5"`.
 */
export class ActionParams {
  constructor(readonly data: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    return this.data[name] !== undefined && this.data[name] !== null;
  }

  /** CKAN's `__junk` rule: a key the action does not know is a validation error. */
  refuseUnknown(known: ReadonlySet<string>): void {
    for (const key of Object.keys(this.data)) {
      if (!known.has(key)) throw refuse(key, `The input field ${key} was not expected.`);
    }
  }

  string(name: string): string | undefined {
    const v = this.data[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw refuse(name, `${name} must be a string`);
  }

  required(name: string): string {
    const v = this.string(name);
    if (v === undefined || v.trim() === '') throw refuse(name, `Missing value: ${name}`);
    return v;
  }

  /**
   * An integer from `min`; above `max` it is refused, or cut to `max` when `clamp` is set,
   * as CKAN's limit_to_configured_maximum does for `rows` and `limit`.
   */
  int(name: string, o: { fallback: number; min: number; max: number; clamp?: boolean }): number {
    const v = this.data[name];
    if (v === undefined || v === null || v === '') return o.fallback;
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^-?\d{1,16}$/.test(text)) throw refuse(name, `${name} must be an integer`, { value: v });
    const n = Number(text);
    if (n < o.min) throw refuse(name, `${name} must be at least ${o.min}`, { value: n, minimum: o.min });
    if (n > o.max) {
      if (o.clamp) return o.max;
      throw refuse(name, `${name} must be at most ${o.max}`, { value: n, maximum: o.max });
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.data[name];
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && TRUE.test(v)) return true;
    if (typeof v === 'string' && FALSE.test(v)) return false;
    throw refuse(name, `${name} must be true or false`, { value: v });
  }

  /** A JSON value given as itself (POST) or as JSON text (GET). */
  json(name: string): unknown {
    const v = this.data[name];
    if (typeof v !== 'string') return v ?? undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw refuse(name, `${name} must be JSON`, { value: v });
    }
  }

  /** An object, as itself or as JSON text. */
  object(name: string): Record<string, unknown> | undefined {
    const v = this.json(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw refuse(name, `${name} must be a JSON object`);
    return v as Record<string, unknown>;
  }

  /**
   * A list of strings: a list, a JSON list as text, or (unless `jsonOnly`, as for CKAN's
   * `facet.field`) a comma-separated string.
   */
  list(name: string, o: { maxItems: number; jsonOnly?: boolean }): string[] | undefined {
    let v = this.data[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') {
      const text = v.trim();
      if (text.startsWith('[') || o.jsonOnly) v = this.json(name);
      else v = text.split(',').map((s) => s.trim());
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw refuse(name, `${name} must be a list of strings`);
    }
    if (v.length > o.maxItems)
      throw refuse(name, `At most ${o.maxItems} items in ${name}`, { maxItems: o.maxItems });
    return (v as string[]).filter((s) => s !== '');
  }
}
