import type { Knex } from 'knex';
import { databaseFromKnex, type Database } from './database';
import { translateDbError } from './pg-errors';

/** Runs `work` atomically; any throw rolls everything back and surfaces as an AppError. */
export async function withTransaction<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await knex.transaction(work);
  } catch (err) {
    throw translateDbError(err);
  }
}

/**
 * Runs `work` atomically with a Database bound to the transaction: its knex and its read()
 * both run on the transaction's connection, so work inside sees its own writes. (A copy
 * like `{ ...db, knex: trx }` kept reading through the outside pool; lint refuses it.)
 */
export async function withDatabaseTransaction<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return withTransaction(db.knex, (trx) => work(databaseFromKnex(trx)));
}
