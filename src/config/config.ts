import path from 'node:path';
import { ValidationError } from '../errors';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
  /** One JSON line per request (pino-http); errors are logged either way. */
  readonly logRequests: boolean;
  readonly logLevel: LogLevel;
  /** Serve Prometheus metrics at /metrics. */
  readonly metricsEnabled: boolean;
  /**
   * express's `trust proxy`: which proxies may name the client in X-Forwarded-For. Rate
   * limits and audit entries key on the client address, so behind a proxy this must be set.
   */
  readonly trustProxy: boolean | number | string;
  /** Requests per client address and window to the API, GraphQL and pages; 0: no limit. */
  readonly apiRateLimit: number;
  readonly apiRateWindowMs: number;
  /** Uploads per token (or address, without one) and window; 0: no limit. */
  readonly uploadRateLimit: number;
  readonly uploadRateWindowMs: number;
  /** Refused credentials per client address and window before it gets 429; 0: no limit. */
  readonly authFailureLimit: number;
  readonly authFailureWindowMs: number;
  /** Refused actions one client (token or address) may leave in the audit log per window; 0: all. */
  readonly refusalAuditLimit: number;
  readonly refusalAuditWindowMs: number;
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
  /** Anonymous public submissions (data requests, 纠错) one client address may make per window; 0: no limit. */
  readonly submissionRateLimit: number;
  readonly submissionRateWindowMs: number;
  /** Requests for the same information that make a candidate for proactive disclosure. */
  readonly requestDisclosureThreshold: number;
  /** Jaccard similarity (percent) of two requests' subjects for them to ask for the same information. */
  readonly requestSimilarityPercent: number;
  /** Requests received within this many days count towards a candidate. */
  readonly requestDisclosureWindowDays: number;
  /** How long a client may take to send a request's headers (slow-header attacks). */
  readonly headersTimeoutMs: number;
  /**
   * How long a client may take to send a whole request, upload bodies included; 0: no limit.
   * Node applies it to every route alike, so it is sized for the largest upload.
   */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open between requests. */
  readonly keepAliveTimeoutMs: number;
  /** On SIGTERM, how long requests and uploads in flight may take to finish before the process gives up. */
  readonly shutdownGraceMs: number;
  /** API processes on this machine (node:cluster); 1 serves from the process itself. */
  readonly workers: number;
  /**
   * Set by the cluster primary in the workers it forks: the primary has migrated, seeded and
   * completed the catalogue once, so a worker only opens the database.
   */
  readonly clusterWorker: boolean;
  /** Streaming replicas that take the read statements, round-robin; empty: the primary reads. */
  readonly replicaUrls: readonly string[];
  /** A replica whose replay is behind the primary for longer than this is skipped. */
  readonly replicaMaxLagMs: number;
  /** Where the bytes of published releases are kept for the content-addressed download (a cache). */
  readonly releaseFileDir: string;
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

/**
 * PGlite is one process's embedded database: a second process would open the same files
 * and corrupt them, and replicas need a PostgreSQL server to stream from.
 */
function checkScaleOut(config: Config): void {
  if (config.databaseUrl) return;
  if (config.workers > 1) {
    throw new ValidationError(
      'invalid_config',
      'WORKERS > 1 needs DATABASE_URL: embedded PGlite can only be opened by one process',
      { variable: 'WORKERS', value: String(config.workers) },
    );
  }
  if (config.replicaUrls.length > 0) {
    throw new ValidationError(
      'invalid_config',
      'DATABASE_REPLICA_URLS needs DATABASE_URL: replicas stream from a PostgreSQL server',
      { variable: 'DATABASE_REPLICA_URLS', value: '(set)' },
    );
  }
}

function listFrom(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Node refuses a header timeout longer than a (non-zero) request timeout. */
function checkTimeouts(config: Config): Config {
  checkScaleOut(config);
  if (config.requestTimeoutMs > 0 && config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ValidationError(
      'invalid_config',
      'HEADERS_TIMEOUT_MS may not exceed REQUEST_TIMEOUT_MS (unless that is 0)',
      { variable: 'HEADERS_TIMEOUT_MS', value: String(config.headersTimeoutMs) },
    );
  }
  return Object.freeze(config);
}

function trustProxyFrom(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^[1-9][0-9]?$/.test(raw)) return Number(raw);
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ValidationError('invalid_config', `${name} must be one of ${allowed.join(', ')}`, {
    variable: name,
    value: raw,
  });
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  return checkTimeouts({
    port: intFrom(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    dbPoolMax: intFrom(env, 'DB_POOL_MAX', 20, 1, 500),
    statementTimeoutMs: intFrom(env, 'STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    uploadLimitBytes: intFrom(env, 'UPLOAD_LIMIT_BYTES', 500 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    seedOnStart: boolFrom(env, 'SEED_ON_START', true),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    logRequests: boolFrom(env, 'LOG_REQUESTS', env.NODE_ENV !== 'test'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    metricsEnabled: boolFrom(env, 'METRICS_ENABLED', true),
    trustProxy: trustProxyFrom(env),
    apiRateLimit: intFrom(env, 'API_RATE_LIMIT', 3_000, 0, 10_000_000),
    apiRateWindowMs: intFrom(env, 'API_RATE_WINDOW_MS', 60_000, 1_000, 86_400_000),
    uploadRateLimit: intFrom(env, 'UPLOAD_RATE_LIMIT', 60, 0, 1_000_000),
    uploadRateWindowMs: intFrom(env, 'UPLOAD_RATE_WINDOW_MS', 900_000, 1_000, 86_400_000),
    authFailureLimit: intFrom(env, 'AUTH_FAILURE_LIMIT', 10, 0, 1_000_000),
    authFailureWindowMs: intFrom(env, 'AUTH_FAILURE_WINDOW_MS', 900_000, 1_000, 86_400_000),
    refusalAuditLimit: intFrom(env, 'REFUSAL_AUDIT_LIMIT', 100, 0, 1_000_000),
    refusalAuditWindowMs: intFrom(env, 'REFUSAL_AUDIT_WINDOW_MS', 900_000, 1_000, 86_400_000),
    adminToken: env.ADMIN_TOKEN || undefined,
    graphqlResponseCache: boolFrom(env, 'GRAPHQL_RESPONSE_CACHE', true),
    restResponseCache: boolFrom(env, 'REST_RESPONSE_CACHE', true),
    watchdogBlockedMs: intFrom(env, 'WATCHDOG_BLOCKED_MS', 1_000, 0, 3_600_000),
    watchdogKillMs: intFrom(env, 'WATCHDOG_KILL_MS', 0, 0, 3_600_000),
    watchdogCooldownMs: intFrom(env, 'WATCHDOG_COOLDOWN_MS', 10_000, 0, 3_600_000),
    headersTimeoutMs: intFrom(env, 'HEADERS_TIMEOUT_MS', 20_000, 1, 600_000),
    // An hour lets the default largest upload (UPLOAD_LIMIT_BYTES, 500 MB) arrive at about
    // 1.2 Mbit/s; see README (server timeouts) for why this is not shorter.
    requestTimeoutMs: intFrom(env, 'REQUEST_TIMEOUT_MS', 3_600_000, 0, 86_400_000),
    keepAliveTimeoutMs: intFrom(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 0, 600_000),
    shutdownGraceMs: intFrom(env, 'SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    submissionRateLimit: intFrom(env, 'SUBMISSION_RATE_LIMIT', 30, 0, 1_000_000),
    submissionRateWindowMs: intFrom(env, 'SUBMISSION_RATE_WINDOW_MS', 600_000, 1_000, 86_400_000),
    requestDisclosureThreshold: intFrom(env, 'REQUEST_DISCLOSURE_THRESHOLD', 3, 2, 1_000_000),
    requestSimilarityPercent: intFrom(env, 'REQUEST_SIMILARITY_PERCENT', 50, 1, 100),
    requestDisclosureWindowDays: intFrom(env, 'REQUEST_DISCLOSURE_WINDOW_DAYS', 365, 1, 3660),
    workers: intFrom(env, 'WORKERS', 1, 1, 256),
    clusterWorker: boolFrom(env, 'OPENDATA_CLUSTER_WORKER', false),
    replicaUrls: Object.freeze(listFrom(env, 'DATABASE_REPLICA_URLS')),
    replicaMaxLagMs: intFrom(env, 'REPLICA_MAX_LAG_MS', 5_000, 100, 3_600_000),
    releaseFileDir: path.resolve(env.RELEASE_FILE_DIR || path.join(dataDir, 'release-files')),
  });
}
