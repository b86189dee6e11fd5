import type { Config } from '../config';
import type { Database } from '../db';

/** What the transport needs, passed in rather than imported, so tests can build an app per database. */
export interface HttpDeps {
  readonly db: Database;
  readonly config: Config;
  readonly now: () => Date;
}
