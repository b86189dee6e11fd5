import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';

/**
 * The real server, plus an event-loop delay histogram the benchmark reads over IPC:
 * 'reset' starts a window, 'report' answers with its figures in ms. The histogram is the
 * server's own, so it sees every stall an attack causes there.
 */
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

export interface LoopReport {
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

process.on('message', (m) => {
  if (m === 'reset') histogram.reset();
  if (m === 'report') {
    const report: LoopReport = {
      meanMs: histogram.mean / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
    };
    process.send?.(report);
  }
});

// The measured load comes from one address: the per-client API limit would measure itself.
startServer(loadConfig({ API_RATE_LIMIT: '0', ...process.env })).then(
  (running) => process.once('SIGTERM', () => void running.close().then(() => process.exit(0))),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
