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
  });
}
