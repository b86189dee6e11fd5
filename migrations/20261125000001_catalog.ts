import type { Knex } from 'knex';

// DDL only. Typed per-dataset tables are created at run time in the `datastore` schema
// from each schema version, so they are not listed here.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SCHEMA IF NOT EXISTS datastore');

  await knex.schema.createTable('agencies', (t) => {
    t.text('id').primary();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('homepage');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE agencies ADD CONSTRAINT agencies_id_format CHECK (id ~ '^[a-z][a-z0-9-]{1,48}$')`,
  );

  await knex.schema.createTable('datasets', (t) => {
    t.text('id').primary();
    t.text('title_zh').notNullable();
    t.text('title_en').notNullable();
    t.text('description_zh').notNullable().defaultTo('');
    t.text('description_en').notNullable().defaultTo('');
    t.text('legal_basis').notNullable();
    t.text('clause').notNullable();
    t.text('cadence').notNullable();
    t.text('period_kind').notNullable();
    t.smallint('season_start_month');
    t.smallint('season_end_month');
    t.text('due_offset').notNullable();
    t.text('due_time').notNullable();
    t.text('first_period');
    t.text('licence').notNullable();
    t.jsonb('themes').notNullable().defaultTo('[]');
    t.jsonb('tags').notNullable().defaultTo('[]');
    t.text('disclosure').notNullable().defaultTo('proactive');
    t.text('status').notNullable().defaultTo('active');
    t.date('status_date');
    t.text('status_reason');
    t.boolean('is_sample').notNullable().defaultTo(false);
    t.text('graphql_name').unique();
    t.integer('current_version');
    t.specificType('search_vector', 'tsvector');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_id_format CHECK (id ~ '^[a-z][a-z0-9-]{1,48}$')`,
  );
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_cadence CHECK (cadence IN ('weekly','pentad','monthly','quarterly','half_yearly','annual','irregular'))`,
  );
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_period_kind CHECK (period_kind IN ('week','pentad','month','quarter','half','year'))`,
  );
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_status CHECK (status IN ('active','repealed','expired'))`,
  );
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_disclosure CHECK (disclosure IN ('proactive','on_request'))`,
  );
  await knex.raw(
    `ALTER TABLE datasets ADD CONSTRAINT datasets_status_marked CHECK (status = 'active' OR (status_date IS NOT NULL AND status_reason IS NOT NULL))`,
  );
  await knex.raw('CREATE INDEX datasets_search_idx ON datasets USING gin (search_vector)');

  await knex.schema.createTable('dataset_agencies', (t) => {
    t.text('dataset_id').notNullable().references('datasets.id').onDelete('CASCADE');
    t.text('agency_id').notNullable().references('agencies.id');
    t.text('role').notNullable().defaultTo('lead');
    t.smallint('position').notNullable().defaultTo(0);
    t.primary(['dataset_id', 'agency_id']);
    t.index(['agency_id']);
  });

  await knex.schema.createTable('schema_versions', (t) => {
    t.increments('id').primary();
    t.text('dataset_id').notNullable().references('datasets.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('semver').notNullable();
    t.text('change_level').notNullable();
    t.jsonb('changes').notNullable().defaultTo('[]');
    t.jsonb('schema').notNullable();
    t.text('storage_table').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dataset_id', 'version']);
  });

  await knex.schema.createTable('releases', (t) => {
    t.bigIncrements('id').primary();
    t.text('dataset_id').notNullable().references('datasets.id').onDelete('CASCADE');
    t.text('period').notNullable();
    t.date('period_start').notNullable();
    t.integer('revision').notNullable();
    t.integer('schema_version_id').notNullable().references('schema_versions.id');
    t.integer('row_count').notNullable();
    t.specificType('sha256', 'char(64)').notNullable();
    t.timestamp('publish_at', { useTz: true }).notNullable();
    t.text('created_by').notNullable();
    t.text('note');
    t.text('revision_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dataset_id', 'period', 'revision']);
    t.index(['dataset_id', 'publish_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('releases');
  await knex.schema.dropTableIfExists('schema_versions');
  await knex.schema.dropTableIfExists('dataset_agencies');
  await knex.schema.dropTableIfExists('datasets');
  await knex.schema.dropTableIfExists('agencies');
  await knex.raw('DROP SCHEMA IF EXISTS datastore CASCADE');
}
