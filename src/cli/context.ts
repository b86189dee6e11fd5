import { resolveConfig, type CliConfig } from './config';
import { CliError, ExitCode } from './exit-codes';
import { ApiClient, type Transport } from './http-client';
import type { Io } from './io';

export interface CliContext {
  io: Io;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  version: string;
  /** Substituted in tests; the real one speaks node:http(s). */
  transport?: Transport;
}

export interface GlobalOptions {
  server?: string;
  token?: string;
  config?: string;
  json?: boolean;
}

export interface Session {
  config: CliConfig;
  api: ApiClient;
  json: boolean;
}

/** Resolves configuration and refuses early when there is no token to send. */
export function openSession(ctx: CliContext, globals: GlobalOptions): Session {
  if (globals.token) ctx.io.addSecret(globals.token);
  const config = resolveConfig({ flags: globals, env: ctx.env, cwd: ctx.cwd, home: ctx.home });
  if (config.token) ctx.io.addSecret(config.token);
  if (!config.token) {
    throw new CliError(
      ExitCode.auth,
      'token_missing',
      'No API token: set OPENDATA_TOKEN, put "token" in ~/.config/opendata/config.json, or pass --token',
    );
  }
  const api = new ApiClient(config.server, config.token, ctx.transport, `opendata-cli/${ctx.version}`);
  return { config, api, json: Boolean(globals.json) };
}
