import fs from 'node:fs';
import path from 'node:path';
import { usageError } from './exit-codes';

export const DEFAULT_SERVER = 'http://localhost:3000';

export type Source = 'flag' | 'env' | 'file' | 'default';

export interface ConfigFlags {
  server?: string;
  token?: string;
  config?: string;
}

export interface ConfigInput {
  flags: ConfigFlags;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
}

export interface CliConfig {
  server: string;
  token: string | undefined;
  /** Where each value came from, so whoami can explain it without showing the token. */
  sources: { server: Source; token: Source | undefined };
  /** The same, as a flag, variable or file name a person can act on. */
  origins: { server: string; token: string | undefined };
  /** Files that were read, most specific last. */
  files: string[];
}

interface FileValues {
  server?: string;
  token?: string;
}

function readConfigFile(file: string): FileValues {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`Cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`, {
      file,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw usageError(`Config file ${file} is not valid JSON: ${(err as Error).message}`, { file });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw usageError(`Config file ${file} must hold a JSON object like {"server": "...", "token": "..."}`, {
      file,
    });
  }
  const out: FileValues = {};
  for (const key of ['server', 'token'] as const) {
    const v = (json as Record<string, unknown>)[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') throw usageError(`"${key}" in config file ${file} must be a string`, { file });
    out[key] = v;
  }
  return out;
}

/**
 * Without --config, the user-wide file is read first and a project file in the cwd
 * overrides it key by key, like .npmrc: a shared machine account can keep the token
 * in ~/.config while a checkout points at a test server.
 */
function defaultFiles(input: ConfigInput): string[] {
  const xdg = input.env.XDG_CONFIG_HOME || path.join(input.home, '.config');
  return [path.join(xdg, 'opendata', 'config.json'), path.join(input.cwd, '.opendatarc.json')].filter((f) =>
    fs.existsSync(f),
  );
}

function normalizeServer(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`Server URL from ${source} is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`Server URL must start with http:// or https:// (got ${url.protocol} from ${source})`);
  }
  if (url.username || url.password) {
    throw usageError('Put credentials in the token, not in the server URL');
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** Precedence: flags > environment > config file(s) > default. */
export function resolveConfig(input: ConfigInput): CliConfig {
  const files = input.flags.config ? [path.resolve(input.cwd, input.flags.config)] : defaultFiles(input);
  const fromFile: FileValues = {};
  const fileOf: Partial<Record<keyof FileValues, string>> = {};
  for (const f of files) {
    const values = readConfigFile(f);
    for (const key of ['server', 'token'] as const) {
      if (values[key] === undefined) continue;
      fromFile[key] = values[key];
      fileOf[key] = f;
    }
  }

  const layers: Array<[Source, FileValues]> = [
    ['flag', { server: nonEmpty(input.flags.server), token: nonEmpty(input.flags.token) }],
    ['env', { server: nonEmpty(input.env.OPENDATA_SERVER), token: nonEmpty(input.env.OPENDATA_TOKEN) }],
    ['file', { server: nonEmpty(fromFile.server), token: nonEmpty(fromFile.token) }],
    ['default', { server: DEFAULT_SERVER }],
  ];
  const pick = (key: keyof FileValues) => {
    for (const [source, values] of layers) {
      const v = values[key];
      if (v !== undefined) return { value: v, source };
    }
    return undefined;
  };
  const origin = (key: keyof FileValues, source: Source | undefined): string => {
    if (source === 'flag') return `--${key}`;
    if (source === 'env') return key === 'server' ? 'OPENDATA_SERVER' : 'OPENDATA_TOKEN';
    if (source === 'file') return fileOf[key] ?? 'config file';
    return source ?? 'not set';
  };
  const server = pick('server') ?? { value: DEFAULT_SERVER, source: 'default' as const };
  const token = pick('token');
  return {
    server: normalizeServer(server.value, origin('server', server.source)),
    token: token?.value,
    sources: { server: server.source, token: token?.source },
    origins: {
      server: origin('server', server.source),
      token: token ? origin('token', token.source) : undefined,
    },
    files,
  };
}
