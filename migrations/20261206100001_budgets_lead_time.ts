import type { Knex } from 'knex';

// Data only: the notice's budgets dataset publishes a year's budgets within that year, so a
// release may come up to a year before the period ends. Left alone where an operator set it.
export async function up(knex: Knex): Promise<void> {
  await knex('datasets')
    .where({ id: 'budgets-final-accounts' })
    .whereNull('lead_time')
    .update({ lead_time: 'P1Y' });
}

export async function down(knex: Knex): Promise<void> {
  await knex('datasets')
    .where({ id: 'budgets-final-accounts', lead_time: 'P1Y' })
    .update({ lead_time: null });
}
