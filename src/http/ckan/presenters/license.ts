/** What CKAN shows beside a license id: its title, where to read it and whether it is open. */
const KNOWN: Record<string, { title: string; url: string }> = {
  'CC-BY-4.0': {
    title: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'CC0-1.0': {
    title: 'Creative Commons CCZero 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
};

export function licenseFields(id: string) {
  const known = KNOWN[id];
  return {
    license_id: id,
    license_title: known?.title ?? id,
    license_url: known?.url ?? '',
    isopen: known !== undefined,
  };
}

export const licenseTitle = (id: string) => KNOWN[id]?.title ?? id;
