import { displayWidth, padToWidth, sanitize, truncateToWidth } from './text';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Widest the column may get; longer cells are cut with an ellipsis. */
  max?: number;
  /** Narrowest the column may be squeezed to when the terminal is narrow. */
  min?: number;
}

/**
 * Plain ASCII borders on purpose: box-drawing characters are East Asian "ambiguous" and
 * Chinese-locale terminals draw them two columns wide, which breaks every line.
 */
export function renderTable(columns: Column[], rows: unknown[][], maxLineWidth = Infinity): string {
  const cells = rows.map((r) => columns.map((_, i) => sanitize(r[i])));
  const widths = columns.map((c, i) => {
    const natural = Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? '')));
    return Math.max(1, Math.min(natural, c.max ?? Infinity));
  });
  // Squeeze the widest squeezable column until the table fits (or nothing can give).
  const total = () => widths.reduce((a, w) => a + w + 3, 1);
  while (total() > maxLineWidth) {
    let widest = -1;
    widths.forEach((w, i) => {
      const floor = Math.max(columns[i]?.min ?? 8, displayWidth(columns[i]?.header ?? ''));
      if (w > floor && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 1) - 1;
  }
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (values: string[]) =>
    '| ' +
    values
      .map((v, i) => padToWidth(truncateToWidth(v, widths[i] ?? 1), widths[i] ?? 1, columns[i]?.align))
      .join(' | ') +
    ' |';
  return [
    rule,
    line(columns.map((c) => c.header)),
    rule,
    ...cells.map(line),
    ...(cells.length ? [rule] : []),
  ].join('\n');
}

/** "label  value" pairs aligned on the value column. */
export function renderPairs(pairs: Array<[string, string]>): string {
  const w = Math.max(...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `  ${padToWidth(k, w)}  ${v}`).join('\n');
}
