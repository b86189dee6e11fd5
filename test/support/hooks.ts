import { stopTestServer } from './server';

/** Root hook: the shared server is closed once, after every file has run. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestServer();
  },
};
