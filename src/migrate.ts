import { loadConfig } from './config';
import { migrateToLatest, openDatabase } from './db';

/** `npm run migrate`: the start-up migrations alone, for an operator who runs them ahead of a deploy. */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    const applied = await migrateToLatest(db.knex);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Already up to date');
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
