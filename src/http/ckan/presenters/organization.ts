import type { Agency } from '../../../catalog';

/** An agency as a CKAN organization; `package_count` counts the datasets it leads (owns). */
export function organizationDict(a: Agency, packageCount?: number) {
  return {
    id: a.id,
    name: a.id,
    title: a.name.zh,
    display_name: a.name.zh,
    title_en: a.name.en,
    description: a.name.en,
    image_url: '',
    image_display_url: '',
    homepage: a.homepage,
    type: 'organization',
    state: 'active',
    is_organization: true,
    approval_status: 'approved',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

/** A theme (主题) as a CKAN group: themes are plain labels, so id, name and title are the label. */
export function groupDict(theme: string, packageCount?: number) {
  return {
    id: theme,
    name: theme,
    title: theme,
    display_name: theme,
    description: '',
    image_url: '',
    image_display_url: '',
    type: 'group',
    state: 'active',
    is_organization: false,
    approval_status: 'approved',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

export function tagDict(tag: string) {
  return { id: tag, name: tag, display_name: tag, state: 'active', vocabulary_id: null };
}
