import { NotFoundError } from '../../errors';
import type { Action } from './action';

/** What help_show says of each action; CKAN answers with the action's docstring. */
const HELP: Record<string, string> = {
  package_list: 'Names of all datasets. Optional: limit, offset.',
  package_search:
    'Search datasets. q, fq (organization, tags, groups, frequency, res_format, license_id, metadata_modified…), fq_list, rows (≤ 1000), start, sort, facet.field, facet.limit, facet.mincount.',
  package_show:
    'A dataset (package) with its resources: all current data, then each period’s release. id; optional asOf.',
  resource_show: 'A resource: all current data (id = dataset id) or one release (id = dataset.period.rN).',
  organization_list:
    'Agencies (names, or dicts with all_fields=true). Optional: sort, limit, offset, organizations, q.',
  organization_show: 'An agency. id; include_datasets to list the datasets it leads.',
  group_list: 'Themes (主题) as groups. Optional: all_fields, sort, limit, offset, groups, q.',
  tag_list: 'Tags. Optional: query, all_fields.',
  status_show: 'Site information and the CKAN version this API answers like.',
  datastore_search:
    'Rows of a resource. resource_id; filters, q, fields, sort, limit (≤ 32000), offset, include_total, records_format, distinct; asOf.',
  help_show: 'What an action does. name.',
};

/** help_show, where every answer's `help` link points. */
export const helpShow: Action = async ({ params }) => {
  const name = params.required('name');
  const text = Object.hasOwn(HELP, name) ? HELP[name] : undefined;
  if (text === undefined) {
    throw new NotFoundError('action_not_found', `No action named ${name}`, { action: name });
  }
  return text;
};
