import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readWatch, type SharedWatch } from './in-flight-slots';

export interface WatchdogThreadData {
  readonly watch: SharedWatch;
  readonly blockedMs: number;
  /** 0: never. Past it, a process whose event loop is still blocked kills itself. */
  readonly killMs: number;
  /** Where reports are written, synchronously: the main thread may never flush anything. */
  readonly logFd: number;
}

export interface BlockReport {
  readonly level: 'error';
  readonly event: 'event_loop_blocked';
  readonly blockedMs: number;
  readonly at: string;
  readonly pid: number;
  /** Requests in flight, as "requestId METHOD url"; the one blocking the loop is among them. */
  readonly inFlight: readonly string[];
  readonly inFlightCount: number;
  readonly action: 'logged' | 'killed';
}

const data = workerData as WatchdogThreadData;
const every = Math.max(10, Math.floor(data.blockedMs / 4));
let reportedBeat = -1;

function report(
  blockedMs: number,
  action: BlockReport['action'],
  heartbeat: number,
  inFlight: string[],
  count: number,
) {
  const line: BlockReport = {
    level: 'error',
    event: 'event_loop_blocked',
    blockedMs,
    at: new Date().toISOString(),
    pid: process.pid,
    inFlight,
    inFlightCount: count,
    action,
  };
  fs.writeSync(data.logFd, `${JSON.stringify(line)}\n`);
  parentPort?.postMessage(line);
  reportedBeat = heartbeat;
}

setInterval(() => {
  const { heartbeat, inFlight, count } = readWatch(data.watch);
  const blockedMs = Date.now() - heartbeat;
  if (data.killMs > 0 && blockedMs >= data.killMs) {
    report(blockedMs, 'killed', heartbeat, inFlight, count);
    // A loop that never yields would hold its requests and its port for ever; a supervisor
    // restarts a process that is gone, never one that merely hangs.
    process.kill(process.pid, 'SIGKILL');
  } else if (blockedMs >= data.blockedMs && reportedBeat !== heartbeat) {
    report(blockedMs, 'logged', heartbeat, inFlight, count);
  }
}, every);
