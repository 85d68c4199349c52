// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PURE_CORE = 'src/sim is the pure core: crypto goes through the driver';

/**
 * Options for `no-restricted-imports` in src/sim/**.
 * @param {{ allowTokens?: boolean }} [opts] allowTokens: let the driver reach ../auth/tokens.
 */
function simRestrictions({ allowTokens = false } = {}) {
  const packages = ['react', 'react-dom', 'framer-motion', 'jose', 'zustand'];
  const authModules = allowTokens ? ['keys'] : ['tokens', 'keys'];
  return {
    paths: packages.map((name) => ({ name, message: PURE_CORE })),
    patterns: [
      // Sub-paths of the forbidden packages (react/jsx-runtime, react-dom/client, jose/...).
      { group: packages.map((name) => `${name}/*`), message: PURE_CORE },
      // The UI and the store layer sit on top of the core, never below it.
      { group: ['**/ui', '**/ui/**', '**/store', '**/store/**'], message: PURE_CORE },
      // Real crypto (jose/WebCrypto) lives in src/auth/tokens and src/auth/keys, reached only via the driver.
      // Matches '../auth/tokens', '../../auth/keys', with or without an extension.
      {
        regex: `(^|/)auth/(${authModules.join('|')})(\\.[cm]?[jt]s)?$`,
        message: PURE_CORE,
      },
    ],
  };
}

export default defineConfig([
  globalIgnores(['dist/', 'dist-bench/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a binding as deliberately unused (e.g. `const { a: _omit, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },

  // Rules that need the types: a promise nobody awaits or catches (a lost failure), a switch over a
  // union that forgets a member (a new action or reason silently ignored), a cast the compiler already knew.
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },

  {
    files: ['**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // Browser code (public/ holds the hand-written service worker register script; src/firstScreenFit.js is inlined in index.html).
  {
    files: ['src/**/*.{ts,tsx,js}', 'test/ui/**/*.{ts,tsx}', 'test/e2e/**/*.ts', 'public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  // Node code: CLI, tests, bench, tool configs.
  {
    files: ['src/cli/**/*.ts', 'test/**/*.{ts,tsx}', '*.{js,ts}', '.ci/**/*.{js,ts}', 'build/**/*.ts'],
    languageOptions: { globals: globals.node },
  },

  // The simulation core stays pure: no UI, no store, no crypto library.
  {
    files: ['src/sim/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', simRestrictions()] },
  },
  // Exception: the driver is the one door from the core to real crypto.
  {
    files: ['src/sim/driver.ts'],
    rules: { 'no-restricted-imports': ['error', simRestrictions({ allowTokens: true })] },
  },

  // Crypto and cookie code has no business with React, nor with the simulation that uses it.
  {
    files: ['src/auth/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/auth must not depend on React.' },
            { name: 'react-dom', message: 'src/auth must not depend on React.' },
          ],
          patterns: [
            { group: ['react/*', 'react-dom/*'], message: 'src/auth must not depend on React.' },
            { group: ['**/sim', '**/sim/*'], message: 'src/auth must not depend on src/sim: shared words live in leaf modules (src/reasons.ts, src/auth/alg.ts).' },
          ],
        },
      ],
    },
  },
]);
