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
  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
