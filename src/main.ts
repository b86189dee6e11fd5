import { startServer } from './bootstrap';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const engine = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Starting on ${engine} …`);
  const running = await startServer(config);
  console.log(
    `Serving ${running.url.replace('127.0.0.1', 'localhost')} (ready in ${Date.now() - started} ms)`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining (up to ${config.shutdownGraceMs} ms for requests in flight)`);
    running.shutdown(config.shutdownGraceMs).then(
      (inTime) => {
        if (!inTime) console.error(`${signal}: requests still in flight after the grace; exiting with 1`);
        process.exit(inTime ? 0 : 1);
      },
      (err: unknown) => {
        console.error(err);
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
