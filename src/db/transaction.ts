import type { Knex } from 'knex';
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
