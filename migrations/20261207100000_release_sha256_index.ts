import type { Knex } from 'knex';

// DDL only: the content-addressed download (/files/sha256/{hex}/…) finds a release by its
// checksum; without an index every download would scan the releases table.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('releases', (t) => {
    t.index(['sha256'], 'releases_sha256_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('releases', (t) => {
    t.dropIndex(['sha256'], 'releases_sha256_idx');
  });
}
