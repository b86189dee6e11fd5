import cluster from 'node:cluster';
import { startServer } from './bootstrap';
import { runClusterPrimary } from './cluster';
import { loadConfig } from './config';
import { createLogger } from './observability';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return runClusterPrimary(config, logger);
  const engine = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`;
  logger.info(
    { engine: config.databaseUrl ? 'pg' : 'pglite', replicas: config.replicaUrls.length },
    `Starting on ${engine}${config.replicaUrls.length ? ` with ${config.replicaUrls.length} read replicas` : ''} …`,
  );
  const running = await startServer(config, undefined, logger);
  logger.info(
    { url: running.url, readyMs: Date.now() - started },
    `Serving ${running.url.replace('127.0.0.1', 'localhost')} (ready in ${Date.now() - started} ms)`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, `${signal}: draining requests in flight`);
    running.shutdown(config.shutdownGraceMs).then(
      (inTime) => {
        if (inTime) logger.info({ signal }, `${signal}: drained; exiting`);
        else logger.error({ signal }, `${signal}: requests still in flight after the grace; exiting with 1`);
        process.exit(inTime ? 0 : 1);
      },
      (err: unknown) => {
        logger.error({ err }, `${signal}: shutdown failed`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
