// One lint for the whole monorepo (`pnpm lint`, also run by `npm test` and CI): typescript-eslint's
// type-checked rules everywhere, react-hooks in the dashboard, and the boundaries of
// ../shared/notes/house-style.md as rules, so that a break of them fails CI instead of a review.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DOMAINS = [
  'apps',
  'auth',
  'axora',
  'blacklist',
  'client',
  'events',
  'files',
  'health',
  'licenses',
  'resellers',
  'retention',
  'sessions',
  'tokens',
  'users',
  'webhooks',
];
const DASHBOARD_FEATURES = 'apps/dashboard/src/features';

export default tseslint.config(
  {
    // test/fixtures holds the seeds' example clients, kept exactly as published.
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'test-output/**',
      'data/**',
      '**/*.d.ts',
      'apps/api/test/fixtures/**',
      'libs/sdk-cpp/build*/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      // import-x parses the files an import leads to with typescript-eslint's parser (without it
      // no-cycle cannot read TypeScript and silently finds nothing).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        (await import('eslint-import-resolver-typescript')).createTypeScriptImportResolver({
          project: ['apps/*/tsconfig.json', 'libs/*/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // No module may reach itself through its imports: the module graph is a picture, not a knot.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Node scripts, benchmarks and test fixtures written in plain JavaScript.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The browser suite's page.evaluate() callbacks run in the page.
    files: ['apps/dashboard/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      // the base every repository extends, the paging every list of theirs shares, and the
      // batch that sends the writes they describe as one statement
      'apps/api/src/database/repository.ts',
      'apps/api/src/database/page-query.ts',
      'apps/api/src/database/write-batch.ts',
      'apps/api/src/database/migrations/**',
      'apps/api/src/**/*.spec.ts',
    ],
    rules: {
      // Repositories are the one door to the database (database/repository.ts).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
          message: 'Only repositories (*.repository.ts) talk to the database: add a method to the repository of this aggregate.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectRepository'],
              message: 'Inject a repository of database/repositories.ts instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // common/ knows no domain.
    files: ['apps/api/src/common/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './apps/api/src/common', from: DOMAINS.map((d) => `./apps/api/src/${d}`), message: 'common/ knows no domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/dashboard/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // app → features → lib: no feature imports another (pages that combine features live in app/routes).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: ['apps', 'auth', 'blacklist', 'files', 'licenses', 'reseller-portal', 'resellers', 'users', 'webhooks'].map((f) => ({
            target: `./${DASHBOARD_FEATURES}/${f}`,
            from: `./${DASHBOARD_FEATURES}`,
            except: [`./${f}`],
            message: 'No imports across dashboard features: move the shared piece to lib/ or combine them in app/routes.',
          })),
        },
      ],
    },
  },
  {
    // Tests may poke at internals with loose types (supertest bodies are `any`).
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.fault-spec.ts', '**/*.test.tsx', '**/*.test.ts', 'apps/api/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
