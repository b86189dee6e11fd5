/** Licences are stored as SPDX ids; schema.org, CKAN and DCAT want a URL. */
export function licenceUrl(spdx: string): string {
  const cc = /^CC-(BY(?:-SA|-ND|-NC|-NC-SA|-NC-ND)?)-(\d\.\d)$/i.exec(spdx);
  if (cc) return `https://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/`;
  if (/^CC0-1\.0$/i.test(spdx)) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  return `https://spdx.org/licenses/${encodeURIComponent(spdx)}.html`;
}

/** Open licences (opendefinition.org conformant) among those the notice uses or may use. */
const OPEN = /^(CC-BY(-SA)?-\d\.\d|CC0-1\.0|ODC-BY-1\.0|ODbL-1\.0|PDDL-1\.0)$/i;

export const isOpenLicence = (spdx: string): boolean => OPEN.test(spdx);
