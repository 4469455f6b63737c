/**
 * ESLint (flat config), run by `npm test` (step "lint") together with `prettier --check`.
 * Type-aware typescript-eslint rules for the TypeScript tree (each file is checked with the
 * tsconfig that owns it, through the project service), plain rules for the build scripts.
 * Layout is Prettier's job: eslint-config-prettier switches off every stylistic rule.
 *
 * House rules enforced here (docs/decisions-h6-tooling.md):
 * - no floating promises, no explicit `any` (migrations are written against Kysely<any>);
 * - SQL (Kysely selectFrom/insertInto/updateTable/deleteFrom/replaceInto/mergeInto, sql``) only in
 *   electron/backend/repos and electron/backend/db/migrations — dependency-cruiser sees imports,
 *   not calls, so this one lives here;
 * - no file over 600 lines, no function over 120 lines in electron/, renderer/, shared/ (except
 *   migrations and data files).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const TS = ['**/*.ts', '**/*.tsx'];
const APP_CODE = ['electron/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'shared/**/*.{ts,tsx}'];
const MIGRATIONS = ['electron/backend/db/migrations/**'];
/** Data shipped as code (tables of facts, not logic): exempt from the size limits. */
const DATA_FILES = ['**/*.data.ts'];
const SQL_HOMES = ['electron/backend/repos/**', 'electron/backend/db/migrations/**'];

const SQL_MESSAGE = 'SQL lives in electron/backend/repos (or a migration): call a repository function instead.';
const SQL_METHODS = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'release/**',
      'node_modules/**',
      'test-results*/**',
      'playwright-report/**',
      '.cache/**',
      'screenshots/**',
      'resources/**',
      // Must-fail probes of the layer rules: tests/unit/tooling lints them on purpose.
      'tests/layer-fixtures/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // vite.config.ts belongs to no layer's tsconfig; it gets a default project.
        projectService: { allowDefaultProject: ['vite.config.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Event handlers in React take promise-returning functions; the promise is handled inside.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Zod and Kysely types are precise enough; these two mostly flag deliberate narrowing.
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**', 'bench/**', 'build/**', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests fake async interfaces and pass methods to expect(); both are the point there.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Migrations are frozen in time and written against Kysely<any> (architecture.md §3).
    files: MIGRATIONS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: APP_CODE,
    ignores: [...MIGRATIONS, ...DATA_FILES],
    rules: {
      'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: SQL_HOMES,
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SQL_METHODS.map((name) => ({
          selector: `CallExpression > MemberExpression.callee[property.name='${name}']`,
          message: SQL_MESSAGE,
        })),
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: SQL_MESSAGE },
        { selector: "TaggedTemplateExpression > MemberExpression.tag[object.name='sql']", message: SQL_MESSAGE },
        { selector: "CallExpression > MemberExpression.callee[object.name='sql']", message: SQL_MESSAGE },
      ],
    },
  },
  prettier,
);
