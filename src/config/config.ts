import path from 'node:path';
import { ValidationError } from '../errors';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set: a pg pool against a PostgreSQL server. Unset: embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolMax: number;
  readonly statementTimeoutMs: number;
  readonly uploadLimitBytes: number;
  readonly seedOnStart: boolean;
  readonly publicBaseUrl: string | undefined;
  readonly logRequests: boolean;
  /** Bootstraps the first admin token so an operator can mint agency tokens over HTTP. */
  readonly adminToken: string | undefined;
  /** In-process cache of GraphQL answers keyed by data versions; off only to measure without it. */
  readonly graphqlResponseCache: boolean;
  /** In-process cache of REST data answers (rows, aggregate) keyed by data versions; off only to measure without it. */
  readonly restResponseCache: boolean;
  /** Event-loop stalls at least this long are logged with the requests in flight; 0 turns the watchdog off. */
  readonly watchdogBlockedMs: number;
  /** A stall this long kills the process so its supervisor restarts it; 0: never. */
  readonly watchdogKillMs: number;
  /** How long /healthz and /readyz answer 503 after a stall. */
  readonly watchdogCooldownMs: number;
  /** Express's `trust proxy`: hops (a number) or addresses; unset trusts none, so req.ip is the peer. */
  readonly trustProxy: number | string | undefined;
  /** Public submissions (data requests, feedback) one client IP may make per window; 0: no limit. */
  readonly submissionRateLimit: number;
  readonly submissionRateWindowSeconds: number;
  /** Requests for the same information that make a candidate for proactive disclosure. */
  readonly requestDisclosureThreshold: number;
  /** Jaccard similarity (percent) of two requests' subjects for them to ask for the same information. */
  readonly requestSimilarityPercent: number;
  /** Requests received within this many days count towards a candidate. */
  readonly requestDisclosureWindowDays: number;
}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError('invalid_config', `${name} must be an integer in [${min}, ${max}]`, {
      variable: name,
      value: raw,
    });
  }
  return n;
}

function boolFrom(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ValidationError('invalid_config', `${name} must be true or false`, {
    variable: name,
    value: raw,
  });
}

/** A hop count, or addresses and names express understands (loopback, 10.0.0.0/8, …). */
function trustProxyFrom(raw: string | undefined): number | string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim();
}

export function loadConfig(env: Env = process.env): Config {
  return Object.freeze({
    port: intFrom(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    dbPoolMax: intFrom(env, 'DB_POOL_MAX', 20, 1, 500),
    statementTimeoutMs: intFrom(env, 'STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    uploadLimitBytes: intFrom(env, 'UPLOAD_LIMIT_BYTES', 500 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    seedOnStart: boolFrom(env, 'SEED_ON_START', true),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    logRequests: boolFrom(env, 'LOG_REQUESTS', env.NODE_ENV !== 'test' && env.NODE_ENV !== 'production'),
    adminToken: env.ADMIN_TOKEN || undefined,
    graphqlResponseCache: boolFrom(env, 'GRAPHQL_RESPONSE_CACHE', true),
    restResponseCache: boolFrom(env, 'REST_RESPONSE_CACHE', true),
    watchdogBlockedMs: intFrom(env, 'WATCHDOG_BLOCKED_MS', 1_000, 0, 3_600_000),
    watchdogKillMs: intFrom(env, 'WATCHDOG_KILL_MS', 0, 0, 3_600_000),
    watchdogCooldownMs: intFrom(env, 'WATCHDOG_COOLDOWN_MS', 10_000, 0, 3_600_000),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    submissionRateLimit: intFrom(env, 'SUBMISSION_RATE_LIMIT', 30, 0, 1_000_000),
    submissionRateWindowSeconds: intFrom(env, 'SUBMISSION_RATE_WINDOW_SECONDS', 600, 1, 86_400),
    requestDisclosureThreshold: intFrom(env, 'REQUEST_DISCLOSURE_THRESHOLD', 3, 2, 1_000_000),
    requestSimilarityPercent: intFrom(env, 'REQUEST_SIMILARITY_PERCENT', 50, 1, 100),
    requestDisclosureWindowDays: intFrom(env, 'REQUEST_DISCLOSURE_WINDOW_DAYS', 365, 1, 3660),
  });
}
