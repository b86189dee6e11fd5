import { isOpenLicence, licenceUrl } from '../../presenters/licence';

/** Titles CKAN shows beside a license id; other ids are shown as themselves. */
const TITLES: Record<string, string> = {
  'CC-BY-4.0': 'Creative Commons Attribution 4.0 International',
  'CC0-1.0': 'Creative Commons CCZero 1.0',
};

export const licenseTitle = (id: string) => (Object.hasOwn(TITLES, id) ? TITLES[id]! : id);

/** What CKAN shows beside a license id: its title, where to read it and whether it is open. */
export function licenseFields(id: string) {
  return {
    license_id: id,
    license_title: licenseTitle(id),
    license_url: licenceUrl(id),
    isopen: isOpenLicence(id),
  };
}
