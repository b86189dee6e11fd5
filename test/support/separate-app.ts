import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { TEST_ADMIN_TOKEN, testServer } from './server';

/**
 * A second app on the shared test database with its own settings (a tiny rate limit,
 * request logging on), so a test can change what the shared server must keep as it is.
 */
export async function separateApp(
  env: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const { db } = await testServer();
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_REQUESTS: 'false',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    WATCHDOG_BLOCKED_MS: '0',
    ...env,
  });
  const server = createApp({ db, config, now: () => new Date() }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
