export const STORAGE_SCHEMA = 'datastore';

/** Each MAJOR schema generation gets its own table; dataset ids are slugs, so this stays a safe identifier. */
export function storageTableName(datasetId: string, generation: number): string {
  return `${datasetId.replace(/-/g, '_')}__g${generation}`;
}

export function storageGeneration(table: string): number {
  const m = /__g(\d+)$/.exec(table);
  return m ? Number(m[1]) : 1;
}

/** System columns start with '_' because schema field names may not. */
export const SYSTEM_COLUMNS = { release: '_release_id', row: '_row' } as const;
