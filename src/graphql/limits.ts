/** Query limits; each breach is answered with its own `extensions.code`. */
export const LIMITS = {
  /**
   * Deepest selection allowed. The deepest useful path in this API is nine levels
   * (datasets → edges → node → releases → edges → node → period → label → zh), so ten
   * leaves room; only the agency ↔ dataset cycle can go further. Introspection is not counted.
   */
  depth: 10,
  aliases: 30,
  /** Rows (or items) a query may ask for, summed over list fields times their nesting. */
  cost: 200_000,
} as const;

export const LIMIT_CODES = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const;

export const OWN_CODES: ReadonlySet<string> = new Set(Object.values(LIMIT_CODES));
