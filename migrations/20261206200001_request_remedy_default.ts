import type { Knex } from 'knex';

/**
 * Data only: the default remedy paragraph, until an administrator words their own. Periods:
 * 60 days for administrative reconsideration (行政复议法 art. 20), six months for an
 * administrative lawsuit (行政诉讼法 art. 46). `{agency}` becomes the answering agency.
 */
const DEFAULT_REMEDY =
  '如对{agency}本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。';

export async function up(knex: Knex): Promise<void> {
  const exists = await knex('request_remedy_templates').where({ key: 'default' }).first('key');
  if (!exists) {
    await knex('request_remedy_templates').insert({
      key: 'default',
      text: DEFAULT_REMEDY,
      updated_by: 'migration',
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('request_remedy_templates').where({ key: 'default', updated_by: 'migration' }).delete();
}
