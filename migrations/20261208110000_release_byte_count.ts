import type { Knex } from 'knex';

// DDL only: the size in bytes of a release's canonical data.csv, which Data Packages
// (`bytes`) and Atom enclosures (`length`) advertise. Filled at publish by the canonical
// hash, which sees every byte; null for releases published before this column existed
// (they are measured once, lazily, from their data.csv).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('releases', (t) => {
    t.bigInteger('byte_count').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('releases', (t) => {
    t.dropColumn('byte_count');
  });
}
