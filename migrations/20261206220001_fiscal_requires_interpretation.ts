import type { Knex } from 'knex';

// Data only: 六(三) asks for the monthly fiscal figures to be published with an explanation of
// the changes and their causes, so existing databases mark that dataset as requiring one
// (new databases get it from its definition in src/notice).
export async function up(knex: Knex): Promise<void> {
  await knex('datasets')
    .where({ id: 'fiscal-revenue-expenditure' })
    .update({ requires_interpretation: true });
}

export async function down(knex: Knex): Promise<void> {
  await knex('datasets')
    .where({ id: 'fiscal-revenue-expenditure' })
    .update({ requires_interpretation: false });
}
