import { isApiErrorBody, type Report } from './api-types';
import type { Session } from './context';
import { CliError, ExitCode, exitCodeFor } from './exit-codes';
import type { ApiResponse } from './http-client';
import { printJson, type Io } from './io';
import { renderReport } from './report-table';
import { formatInt, sanitize } from './text';

export interface ErrorHints {
  /** Whether the user already declared a charset (then suggesting --charset gbk is noise). */
  charsetGiven?: boolean;
  dataset?: string;
}

const list = (v: unknown) =>
  Array.isArray(v) && v.length ? v.map((x) => sanitize(x)).join(', ') : undefined;

/** Server error codes whose details deserve a sentence of their own. */
function advice(code: string, details: Record<string, unknown>, hints: ErrorHints): string[] {
  switch (code) {
    case 'invalid_encoding':
      return [
        `  first bad byte at offset ${formatInt(Number(details.byteOffset))}`,
        ...(hints.charsetGiven ? [] : ['  if Excel or WPS saved the file in GBK, add --charset gbk']),
      ];
    case 'csv_parse_error':
      return [`  at line ${formatInt(Number(details.line))}, column ${formatInt(Number(details.column))}`];
    case 'invalid_header': {
      const unknown = list(details.unknown);
      const missing = list(details.missing);
      return [
        ...(unknown ? [`  unknown columns: ${unknown}`] : []),
        ...(missing ? [`  missing columns: ${missing}`] : []),
        `  the expected columns are the schema's: GET /api/v1/datasets/${hints.dataset ?? '{id}'}/schema`,
      ];
    }
    case 'release_exists':
      return [
        `  period ${sanitize(details.period)} already has revision ${sanitize(details.revision)}`,
        '  to correct it, publish again with --revise --reason "<why>"',
      ];
    case 'invalid_period':
    case 'invalid_parameter':
      return details.parameter ? [`  parameter: ${sanitize(details.parameter)}`] : [];
    default:
      return [];
  }
}

/**
 * Prints a non-2xx answer (the report table for data errors, a sentence for the rest)
 * and returns the exit code scripts will see.
 */
export function reportFailure(res: ApiResponse, session: Session, io: Io, hints: ErrorHints = {}): ExitCode {
  const body = res.body;
  const code = isApiErrorBody(body) ? body.error.code : undefined;
  const exit = exitCodeFor(res.status, code);
  if (session.json) {
    printJson(
      io,
      body ?? {
        error: {
          code: `http_${res.status}`,
          message: `HTTP ${res.status} (${res.contentType || 'no body'})`,
          details: null,
        },
      },
    );
    return exit;
  }
  if (!isApiErrorBody(body)) {
    io.err(
      `error: the server answered HTTP ${res.status} with ${res.contentType || 'an empty body'}, not API JSON`,
    );
    io.err(`  is ${session.config.server} (from ${session.config.origins.server}) the open-data API?`);
    return exit;
  }
  const { message, messages } = body.error;
  const zh = messages?.zh ?? message;
  const en = messages && messages.en !== zh ? `  ${sanitize(messages.en)}` : undefined;
  const details = (body.error.details ?? {}) as Record<string, unknown>;
  if (code === 'validation_failed') {
    io.out(renderReport(details as unknown as Report, io.columns));
    io.err(`error: ${sanitize(zh)}`);
    if (en) io.err(en);
    return exit;
  }
  io.err(`error: ${sanitize(zh)} (${code}, HTTP ${res.status})`);
  if (en) io.err(en);
  if (res.status === 401) io.err(`  the token from ${session.config.origins.token} was not accepted`);
  for (const line of advice(code ?? '', details, hints)) io.err(line);
  if (res.status >= 500 && details.requestId) io.err(`  request id: ${sanitize(details.requestId)}`);
  return exit;
}

/** The `data` member of a 2xx answer; anything else means we are not talking to this API. */
export function dataOf<T>(res: ApiResponse): T {
  const data = (res.body as { data?: unknown } | undefined)?.data;
  if (data === undefined || data === null) {
    throw new CliError(
      ExitCode.serverOrNetwork,
      'unexpected_response',
      `The server answered HTTP ${res.status} without a JSON "data" member (${res.contentType || 'no content type'})`,
    );
  }
  return data as T;
}
