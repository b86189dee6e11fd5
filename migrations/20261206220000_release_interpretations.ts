import type { Knex } from 'knex';

// DDL only: interpretations (解读) published with releases, one per release, and whether a
// dataset's releases must carry one (the notice's 六(三) asks it of the monthly fiscal figures).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('release_interpretations', (t) => {
    t.bigInteger('release_id').primary().references('releases.id').onDelete('CASCADE');
    t.text('agency_id').notNullable().references('agencies.id');
    t.date('published_on').notNullable();
    t.text('body_zh');
    t.text('body_en');
    t.text('url');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE release_interpretations ADD CONSTRAINT release_interpretations_content CHECK (body_zh IS NOT NULL OR url IS NOT NULL)`,
  );
  await knex.schema.alterTable('datasets', (t) => {
    t.boolean('requires_interpretation').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('datasets', (t) => {
    t.dropColumn('requires_interpretation');
  });
  await knex.schema.dropTableIfExists('release_interpretations');
}
