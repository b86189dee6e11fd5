import { displayWidth, formatBytes, formatInt, truncateToWidth } from './text';

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface Progress {
  update(bytes: number, rows: number | undefined): void;
  /** Every byte is sent; the server is still validating and storing. */
  sent(rows: number | undefined): void;
  done(): void;
}

const NOOP: Progress = { update() {}, sent() {}, done() {} };
const CLEAR_LINE = '\r\u001b[K';
const MIN_INTERVAL_MS = 100;

/**
 * A one-line bar redrawn in place. Only on a terminal: in CI logs and pipes the carriage
 * returns would pile up as garbage, so there it prints nothing at all.
 */
export function createProgress(
  sink: ProgressSink,
  label: string,
  total: number,
  now: () => number = Date.now,
): Progress {
  if (!sink.isTTY) return NOOP;
  let last = -Infinity;
  let active = false;

  const draw = (bytes: number, rows: number | undefined, tail = '') => {
    const columns = (sink.columns || 80) - 1; // never touch the last column: some terminals wrap there
    const pct = total > 0 ? Math.min(1, bytes / total) : 1;
    const left = `${truncateToWidth(label, 24)} `;
    const right =
      ` ${String(Math.floor(pct * 100)).padStart(3)}% ${formatBytes(bytes)}/${formatBytes(total)}` +
      (rows === undefined ? '' : ` ~${formatInt(rows)} rows`) +
      tail;
    const barWidth = Math.max(10, Math.min(40, columns - displayWidth(left) - displayWidth(right) - 2));
    const filled = Math.round(pct * barWidth);
    const bar = '[' + '='.repeat(filled) + ' '.repeat(barWidth - filled) + ']';
    sink.write(CLEAR_LINE + truncateToWidth(left + bar + right, columns));
    active = true;
  };

  return {
    update(bytes, rows) {
      const t = now();
      if (t - last < MIN_INTERVAL_MS && bytes < total) return;
      last = t;
      draw(bytes, rows);
    },
    sent(rows) {
      draw(total, rows, ', waiting for the server...');
    },
    done() {
      if (active) sink.write(CLEAR_LINE);
      active = false;
    },
  };
}
