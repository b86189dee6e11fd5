import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * A Database copied with another knex (`{ ...db, knex: trx }`) still reads through the old
 * pool: inside a transaction its read() does not see the transaction's writes. Refused in
 * every spelling, in every folder.
 */
const DATABASE_COPY =
  'A copied Database with another knex still reads through the old pool; use withDatabaseTransaction(db, tx => …).';
const databaseCopies = [
  "ObjectExpression:has(> SpreadElement) > Property[key.name='knex']",
  "ObjectExpression:has(> SpreadElement) > Property[key.value='knex']",
  "CallExpression[callee.object.name='Object'][callee.property.name='assign'] > ObjectExpression > Property[key.name='knex']",
  "CallExpression[callee.object.name='Object'][callee.property.name='assign'] > ObjectExpression > Property[key.value='knex']",
].map((selector) => ({ selector, message: DATABASE_COPY }));

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'bin/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config only.',
        },
        ...databaseCopies,
      ],
    },
  },
  {
    // These may read process.env; they may not copy a Database either.
    files: ['src/config/**', 'test/**', 'bench/**', 'seeds/**', 'knexfile.ts'],
    rules: { 'no-restricted-syntax': ['error', ...databaseCopies] },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
