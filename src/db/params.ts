/**
 * Collects bound values while SQL text is written, so text and values cannot drift apart.
 * `pg` style numbers the placeholders ($1, $2, …) for a statement sent straight to the
 * driver; `knex` style writes `?` for `knex.raw`/`whereRaw`, which numbers them itself.
 */
export class Params {
  /** @param values already bound values (their placeholders are in text written earlier). */
  constructor(
    private readonly style: 'pg' | 'knex' = 'pg',
    readonly values: unknown[] = [],
  ) {}

  /** Binds `value` and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.style === 'pg' ? `$${this.values.length}` : '?';
  }
}

/** A statement and its values, ready for `Database.read`. */
export interface Statement {
  text: string;
  values: unknown[];
}
