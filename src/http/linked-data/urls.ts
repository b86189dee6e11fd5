/**
 * Where each thing of the linked-data graph lives. A dataset is named by a fragment of its
 * page, so the page (its dcat:landingPage, a foaf:Document) and the dataset it describes
 * stay two things; themes and the theme scheme are fragments of the catalogue.
 */
export function linkedUrls(base: string) {
  const catalog = `${base}/catalog`;
  const api = (id: string) => `${base}/api/v1/datasets/${encodeURIComponent(id)}`;
  return {
    home: `${base}/`,
    catalog,
    platform: `${base}/#publisher`,
    themeScheme: `${catalog}#themes`,
    theme: (label: string) => `${catalog}#theme-${encodeURIComponent(label)}`,
    page: (id: string) => `${base}/datasets/${encodeURIComponent(id)}`,
    dataset: (id: string) => `${base}/datasets/${encodeURIComponent(id)}#dataset`,
    agency: (id: string) => `${base}/agencies/${encodeURIComponent(id)}#agency`,
    api,
    schemaVersion: (id: string, version: number) => `${api(id)}/schema/versions/${version}`,
    /** A revision's own URL never changes: the bytes its sha256 was taken of. */
    releaseCsv: (id: string, period: string, revision: number) =>
      `${api(id)}/releases/${encodeURIComponent(period)}/data.csv?revision=${revision}`,
    exportCsv: (id: string) => `${api(id)}/export.csv`,
    exportJson: (id: string) => `${api(id)}/export.json`,
  };
}

export type LinkedUrls = ReturnType<typeof linkedUrls>;
