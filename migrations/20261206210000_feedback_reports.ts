import type { Knex } from 'knex';

// DDL only: problems the public reports on a dataset, a release or a row (纠错), and the
// responsible agency's answer. The reporter's optional email lives in its own table, read
// only by the agency's queue, like a data requester's contact details.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('feedback_reports', (t) => {
    t.bigIncrements('id').primary();
    t.text('tracking_number').notNullable().unique();
    t.text('dataset_id').notNullable().references('datasets.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.bigInteger('release_id').references('releases.id').onDelete('SET NULL');
    t.text('period');
    t.text('field');
    t.jsonb('row_key');
    t.text('description').notNullable();
    t.text('status').notNullable();
    t.jsonb('spam_reasons').notNullable().defaultTo('[]');
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('public_response');
    t.text('internal_note');
    t.timestamp('responded_at', { useTz: true });
    t.text('responded_by');
    t.bigInteger('fixed_by_release_id').references('releases.id').onDelete('SET NULL');
    t.text('created_by').notNullable();
    t.index(['dataset_id', 'id']);
    t.index(['status']);
  });
  await knex.raw(
    `ALTER TABLE feedback_reports ADD CONSTRAINT feedback_reports_kind CHECK (kind IN ('wrong_value','missing_period','broken_download','other'))`,
  );
  await knex.raw(
    `ALTER TABLE feedback_reports ADD CONSTRAINT feedback_reports_status CHECK (status IN ('open','acknowledged','resolved','rejected','spam'))`,
  );

  await knex.schema.createTable('feedback_contacts', (t) => {
    t.bigInteger('report_id').primary().references('feedback_reports.id').onDelete('CASCADE');
    t.text('email').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('feedback_contacts');
  await knex.schema.dropTableIfExists('feedback_reports');
}
