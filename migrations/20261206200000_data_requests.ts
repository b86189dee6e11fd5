import type { Knex } from 'knex';

// DDL only: requests for government information (依申请公开) and their handling. The
// requester's personal details live in their own table, which only the responsible agency's
// case view reads, so no public query can reach them by a careless join or `select *`.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('info_requests', (t) => {
    t.bigIncrements('id').primary();
    t.text('tracking_number').notNullable().unique();
    t.text('channel').notNullable();
    t.text('subject').notNullable();
    t.text('description').notNullable();
    t.text('purpose');
    t.text('requester_type').notNullable();
    t.text('organisation_kind');
    t.text('agency_id').notNullable().references('agencies.id');
    t.text('dataset_id').references('datasets.id').onDelete('SET NULL');
    t.text('status').notNullable();
    t.jsonb('spam_reasons').notNullable().defaultTo('[]');
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.date('received_on').notNullable();
    t.date('clock_start_on').notNullable();
    t.date('clarification_requested_on');
    t.smallint('extension_working_days');
    t.date('extended_on');
    t.text('extension_reason');
    t.text('extension_approved_by');
    t.date('answered_on');
    t.timestamp('answered_at', { useTz: true });
    t.text('answer_type');
    t.text('answer_reason');
    t.text('answer_legal_basis');
    t.text('answer_reply');
    t.text('remedy');
    t.text('created_by').notNullable();
    t.index(['agency_id', 'status']);
    t.index(['agency_id', 'received_on']);
    t.index(['dataset_id']);
  });
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_channel CHECK (channel IN ('online','in_person','mail'))`,
  );
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_status CHECK (status IN ('received','awaiting_clarification','answered','spam'))`,
  );
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_requester CHECK (
      (requester_type = 'natural_person' AND organisation_kind IS NULL) OR
      (requester_type = 'legal_person' AND organisation_kind IN ('commercial','research','public_interest','legal_services','other')))`,
  );
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_answer CHECK (
      (status = 'answered') = (answer_type IS NOT NULL AND answered_on IS NOT NULL AND remedy IS NOT NULL))`,
  );
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_answer_type CHECK (
      answer_type IS NULL OR answer_type IN ('disclose','partial','withhold','unable','not_processed','other'))`,
  );
  await knex.raw(
    `ALTER TABLE info_requests ADD CONSTRAINT info_requests_extension CHECK (
      extension_working_days IS NULL OR extension_working_days BETWEEN 1 AND 20)`,
  );

  // Restricted (申请人的个人信息): never served outside the responsible agency's case view.
  await knex.schema.createTable('info_request_contacts', (t) => {
    t.bigInteger('request_id').primary().references('info_requests.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('organisation');
    t.text('phone');
    t.text('email');
    t.text('address');
  });
  await knex.raw(
    `ALTER TABLE info_request_contacts ADD CONSTRAINT info_request_contacts_reachable CHECK (phone IS NOT NULL OR email IS NOT NULL OR address IS NOT NULL)`,
  );

  // The public timeline of a request: what happened and when, never who asked.
  await knex.schema.createTable('info_request_events', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('request_id').notNullable().references('info_requests.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.date('on').notNullable();
    t.text('from_agency');
    t.text('to_agency');
    t.text('note');
    t.index(['request_id', 'id']);
  });

  await knex.schema.createTable('info_request_links', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('request_id').notNullable().references('info_requests.id').onDelete('CASCADE');
    t.text('dataset_id').notNullable().references('datasets.id').onDelete('CASCADE');
    t.bigInteger('release_id').references('releases.id').onDelete('CASCADE');
    t.index(['request_id']);
  });

  // The remedy paragraph every answer states (行政复议 / 行政诉讼); key 'default' or an agency id.
  await knex.schema.createTable('request_remedy_templates', (t) => {
    t.text('key').primary();
    t.text('text').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('updated_by').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('request_remedy_templates');
  await knex.schema.dropTableIfExists('info_request_links');
  await knex.schema.dropTableIfExists('info_request_events');
  await knex.schema.dropTableIfExists('info_request_contacts');
  await knex.schema.dropTableIfExists('info_requests');
}
