// ESLint (flat config). TypeScript in src/ and test/ is linted with type information (typescript-eslint's
// recommendedTypeChecked: floating promises, unsafe `any`, misused promises), through the same tsconfig.json
// that `npm run lint` checks. The build scripts are plain JavaScript run by Node and get the core rules only.
// dist/ and build/ are generated and never linted.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The globals the build scripts use (Node's; no browser).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'fetch', 'performance',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores(['dist/', 'build/', 'coverage/', 'out/', '.tmp/']),
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'vitest.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { token: _drop, ...rest } = raw`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Discord sends enum values as plain numbers in untrusted JSON; comparing them with discord-api-types' enums
      // (or the fake's literals) is the point, and typing the payloads as enums would claim a check never made.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Its verdicts disagree with tsc here: it calls casts to discord-api-types' payload types unnecessary, and
      // removing them breaks \`npm run lint\` (tsc is the authority on types; this rule only removes casts).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Matching control characters is what the escaping functions (and their tests) are for.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read what the product wrote (JSON.parse gives `any`) and assert on it: the assertion is the type check.
    // The fakes' route handlers are async to fit the server's handler type, with or without an await.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      // The fakes read request bodies that are untyped JSON and echo their fields into answers.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // JSON from the fakes and from GitHub's OpenAPI description is read as it comes.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
]);
