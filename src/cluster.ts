import cluster, { type Worker } from 'node:cluster';
import { prepareDatabase } from './bootstrap';
import type { Config } from './config';
import type { Logger } from './observability';

/** A worker that dies this often in a row waits longer before it is forked again. */
const RESTART_BASE_MS = 500;
const RESTART_MAX_MS = 30_000;
/** A worker that served this long before it died starts the backoff afresh. */
const STABLE_AFTER_MS = 60_000;

/**
 * The primary of `WORKERS=n`: it migrates, seeds and completes the catalogue once, then
 * forks n API processes that share the listening port (node:cluster hands connections out
 * round-robin). A worker that dies is forked again after a pause that doubles while it keeps
 * dying. SIGTERM/SIGINT go to every worker, each of which drains its own requests
 * (src/lifecycle.ts); the primary exits 0 once all of them exited 0.
 */
export async function runClusterPrimary(config: Config, logger: Logger): Promise<void> {
  const db = await prepareDatabase(config, logger);
  await db.close();
  let stopping = false;
  const slots = new Map<Worker, number>();
  const crashes: number[] = Array.from({ length: config.workers }, () => 0);
  const exitCodes: number[] = [];

  const fork = (slot: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({ OPENDATA_CLUSTER_WORKER: 'true', WORKERS: '1' });
    slots.set(worker, slot);
    worker.once('exit', (code, signal) => {
      slots.delete(worker);
      if (stopping) {
        exitCodes.push(code ?? 1);
        if (slots.size === 0) process.exit(exitCodes.every((c) => c === 0) ? 0 : 1);
        return;
      }
      crashes[slot] = Date.now() - startedAt >= STABLE_AFTER_MS ? 1 : crashes[slot]! + 1;
      const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (crashes[slot]! - 1));
      logger.error(
        { worker: worker.process.pid, code, signal, restartInMs: delay },
        `worker ${worker.process.pid} exited (${signal ?? code}); restarting in ${delay} ms`,
      );
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay);
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: slots.size }, `${signal}: asking ${slots.size} workers to drain`);
    if (slots.size === 0) process.exit(0);
    for (const worker of slots.keys()) worker.process.kill(signal);
    // A worker that hangs past its own grace must not keep the primary alive for ever.
    setTimeout(() => {
      logger.error({ signal }, `${signal}: workers still running after the grace; exiting with 1`);
      process.exit(1);
    }, config.shutdownGraceMs + 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  logger.info({ workers: config.workers }, `Forking ${config.workers} API processes`);
  for (let slot = 0; slot < config.workers; slot++) fork(slot);
}
