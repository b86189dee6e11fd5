export * from './table-name';
export * from './csv-line';
export * from './ddl';
export * from './write';
export * from './read';
export * from './projection';
