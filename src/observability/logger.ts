import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

export type { Logger };

/**
 * Paths removed from every line, whatever a call site passes in. Request lines never
 * carry headers at all (see src/http/request-log.ts); this is the second lock on the door,
 * for a future line that logs a request or a headers object whole.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
];

/**
 * One JSON line per event, on stdout unless `destination` is given (tests capture lines
 * there). Times are ISO 8601 so lines read the same in any log store.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    // The pid tells apart the API processes of WORKERS=n, which share one log stream.
    base: { service: 'shanxi-open-data', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
