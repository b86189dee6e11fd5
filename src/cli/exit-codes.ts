/**
 * Exit codes are a public interface: agencies' scheduled jobs branch on them, so a
 * number, once given a meaning, keeps it.
 */
export const ExitCode = {
  ok: 0,
  validationFailed: 1,
  usage: 2,
  auth: 3,
  conflict: 4,
  client: 5,
  serverOrNetwork: 6,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success (validate: the file is valid)
  1  validation failed: the file has data errors (nothing was published)
  2  usage error: bad flags, missing or unreadable file, bad config file
  3  authentication or authorization: no token, token rejected (401) or not allowed (403)
  4  conflict (409): e.g. the period is already published; correct it with --revise --reason
  5  other client errors: 400 (encoding, CSV syntax, header, period...), 404, 413, 415
  6  server or network error: 5xx, connection refused, timeout, 408/429 (try again later)
`;

/**
 * Maps an HTTP answer to an exit code. The error code wins over the status for data
 * errors so that a server answering validation_failed with 422 still means "fix the file".
 */
export function exitCodeFor(status: number, code?: string): ExitCode {
  if (status >= 200 && status < 300) return ExitCode.ok;
  if (code === 'validation_failed' && status >= 400 && status < 500) return ExitCode.validationFailed;
  if (status === 401 || status === 403) return ExitCode.auth;
  if (status === 409) return ExitCode.conflict;
  // Timeouts and rate limits are transient: scripts should retry them like a 503.
  if (status === 408 || status === 429) return ExitCode.serverOrNetwork;
  if (status >= 400 && status < 500) return ExitCode.client;
  // 5xx, and redirects or 1xx that a JSON API should never send.
  return ExitCode.serverOrNetwork;
}

/** A failure decided on this side of the wire; `code` appears in --json output. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, details?: Record<string, unknown>) =>
  new CliError(ExitCode.usage, 'usage_error', message, details ?? null);
