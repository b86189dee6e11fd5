import type { Knex } from 'knex';

// DDL only: a release can be withdrawn (a tombstone). Its row and its data stay stored, so a
// read as of an instant before the withdrawal still reproduces what was served then.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('releases', (t) => {
    t.timestamp('withdrawn_at', { useTz: true });
    t.text('withdrawn_reason');
    t.text('withdrawn_by');
  });
  // All three or none: a withdrawal always says when, why and by whom.
  await knex.raw(
    `ALTER TABLE releases ADD CONSTRAINT releases_withdrawal_complete CHECK (
       (withdrawn_at IS NULL AND withdrawn_reason IS NULL AND withdrawn_by IS NULL)
       OR (withdrawn_at IS NOT NULL AND withdrawn_reason IS NOT NULL AND withdrawn_by IS NOT NULL))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE releases DROP CONSTRAINT IF EXISTS releases_withdrawal_complete');
  await knex.schema.alterTable('releases', (t) => {
    t.dropColumn('withdrawn_by');
    t.dropColumn('withdrawn_reason');
    t.dropColumn('withdrawn_at');
  });
}
