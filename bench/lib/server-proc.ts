import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ServerProc {
  url: string;
  pid: number;
  child: ChildProcess;
  peakRssMb(): number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** VmHWM is the kernel's own high-water mark of resident memory for the process. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function startProcess(
  script: string,
  env: Record<string, string>,
  port: number,
  /** The checkout to run the script from (another build, for an A/B comparison). */
  cwd = ROOT,
): Promise<ServerProc> {
  // Plain node with tsx's loader, so the measured process is the server itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_REQUESTS: 'false',
      // The load comes from one address: the per-client limits would measure themselves.
      API_RATE_LIMIT: '0',
      UPLOAD_RATE_LIMIT: '0',
      SEED_ON_START: 'false',
      // The REST benchmarks repeat one URL, which the response cache would answer from
      // memory; they measure the read path, so a run that wants the cache says so.
      REST_RESPONSE_CACHE: 'false',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    child,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
