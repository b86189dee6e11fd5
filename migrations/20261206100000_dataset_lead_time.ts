import type { Knex } from 'knex';

// DDL only: how long before its period ends a dataset's release may be published (budgets
// are published before their year begins); null means only once the period has ended.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('datasets', (t) => {
    t.text('lead_time');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('datasets', (t) => {
    t.dropColumn('lead_time');
  });
}
