/** Query limits; each breach is answered with its own `extensions.code`. */
export const LIMITS = {
  /**
   * Lexical tokens in one document. GraphiQL's full introspection query is under 200, so
   * 2,000 leaves room for any hand-written query while bounding what parsing and the
   * spec's validation rules (overlapping fields compares pairs) can be made to do.
   */
  tokens: 2_000,
  /**
   * Deepest selection allowed. The deepest useful path in this API is nine levels
   * (datasets → edges → node → releases → edges → node → period → label → zh), so ten
   * leaves room; only the agency ↔ dataset cycle can go further. Introspection is not counted.
   */
  depth: 10,
  aliases: 30,
  /**
   * Field selections once every fragment is expanded. The introspection query expands to
   * about 250 and a wide data query to a few hundred; fragments that spread each other
   * twice over double it per link, which is what this stops.
   */
  selections: 2_000,
  /** Fragment spreads once every fragment is expanded (a fragment spread inside another counts per use). */
  fragmentSpreads: 500,
  /**
   * Fields sharing one response name in one selection set. They merge into one answer, so
   * a query never needs many; the spec's overlapping-fields rule compares them pairwise,
   * and nested repeats multiply.
   */
  repeats: 8,
  /** Rows (or items) a query may ask for, summed over list fields times their nesting. */
  cost: 200_000,
} as const;

export const LIMIT_CODES = {
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  selections: 'SELECTION_LIMIT_EXCEEDED',
  fragmentSpreads: 'FRAGMENT_SPREAD_LIMIT_EXCEEDED',
  repeats: 'FIELD_REPEAT_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const;

export const OWN_CODES: ReadonlySet<string> = new Set(Object.values(LIMIT_CODES));
