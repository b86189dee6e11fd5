import type { ProgressSink } from './progress';

export interface Io {
  /** Results: tables, the release, --json bodies. */
  out(text: string): void;
  /** Diagnostics: what went wrong and what to do about it. */
  err(text: string): void;
  /** Where the progress bar may draw (stderr, so `opendata ... > out.txt` stays clean). */
  progress: ProgressSink;
  /** Width to fit tables to, when stdout is a terminal. */
  columns: number | undefined;
  /** Never print this string: it is replaced wherever it would appear. */
  addSecret(secret: string): void;
}

interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const MIN_SECRET_LENGTH = 8;

const withNewline = (s: string) => (s.endsWith('\n') ? s : s + '\n');

export function createIo(stdout: Stream, stderr: Stream): Io {
  const secrets: string[] = [];
  // Belt and braces: even a server that echoes the token in an error message cannot leak it.
  const redact = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('***'), s);
  return {
    out: (text) => void stdout.write(redact(withNewline(text))),
    err: (text) => void stderr.write(redact(withNewline(text))),
    progress: stderr,
    columns: stdout.isTTY ? stdout.columns : undefined,
    addSecret(secret) {
      // Masking a two-letter test token would garble ordinary words; real tokens are long.
      if (secret.length >= MIN_SECRET_LENGTH && !secrets.includes(secret)) secrets.push(secret);
    },
  };
}

export const printJson = (io: Io, body: unknown) => io.out(JSON.stringify(body, null, 2));
