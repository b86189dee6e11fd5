import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NO_RATE_LIMITS } from './test-env';

const ROOT = path.resolve(__dirname, '../..');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The real `npm start` entry point in its own process, so a test can SIGKILL it. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  // Port 0: the OS picks a free port and the server says which. A port picked at random
  // here could be one the OS had just handed to an outgoing connection (EADDRINUSE).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...NO_RATE_LIMITS,
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_REQUESTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The server logs to stdout: where it listens, and the last lines tell why a start failed.
  let output = '';
  let url: string | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    const port = /Serving http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(output)?.[1];
    if (port && !url) url = `http://127.0.0.1:${port}`;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready = false;
  for (let i = 0; i < 1200 && !ready; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      ready = url !== undefined && (await fetch(`${url}/readyz`)).ok;
    } catch {
      /* not listening yet */
    }
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  if (!ready || !url) {
    child.kill('SIGKILL');
    throw new Error(`server at ${url ?? '(no port yet)'} was not ready after two minutes:\n${output}`);
  }
  return {
    url,
    child,
    async kill(signal) {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Environment for a child server with a database of its own: a fresh database on the
 * PostgreSQL server when DATABASE_URL is set, otherwise a fresh PGlite directory.
 */
export function isolatedDatabase(prefix: string): { env: Record<string, string>; drop: () => void } {
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL.replace(/\/[^/]*$/, '/postgres');
    const name = `${prefix}_${Date.now()}`;
    execFileSync('psql', [admin, '-qc', `CREATE DATABASE "${name}"`]);
    return {
      env: { DATABASE_URL: process.env.DATABASE_URL.replace(/\/[^/]*$/, `/${name}`) },
      drop: () => execFileSync('psql', [admin, '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opendata-${prefix}-`));
  return { env: { DATA_DIR: dir }, drop: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
