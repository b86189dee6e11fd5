/** Length in Unicode code points, as Table Schema and JSON Schema count `maxLength`. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ch of s) n++;
  return n;
}

/** Whether `s` has more than `max` code points; a long text is not walked past the limit's worth. */
export function longerThan(s: string, max: number): boolean {
  // A code point is one or two UTF-16 units, so the unit count brackets it.
  if (s.length <= max) return false;
  if (s.length > 2 * max) return true;
  return codePointLength(s) > max;
}
