import type { Knex } from 'knex';

// DDL only: API tokens (stored as sha256 hashes, never in clear) and the write audit log.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_tokens', (t) => {
    t.increments('id').primary();
    t.text('name').notNullable();
    t.text('role').notNullable();
    t.text('agency_id').references('agencies.id');
    t.specificType('token_hash', 'char(64)').notNullable().unique();
    t.text('prefix').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true });
  });
  await knex.raw(
    `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role CHECK (role IN ('admin','publisher'))`,
  );
  await knex.raw(
    `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_publisher_agency CHECK (role = 'admin' OR agency_id IS NOT NULL)`,
  );

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor').notNullable();
    t.text('agency_id');
    t.text('action').notNullable();
    t.text('outcome').notNullable();
    t.text('dataset_id');
    t.text('period');
    t.bigInteger('release_id');
    t.specificType('sha256', 'char(64)');
    t.text('ip');
    t.text('user_agent');
    t.text('request_id');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.index(['dataset_id', 'at']);
    t.index(['actor', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('api_tokens');
}
