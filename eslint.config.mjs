// Lint rules double as the layer rules of docs/architecture: who may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [
      'main/**/*.ts',
      'sandbox/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      'test/**/*.tsx',
      '*.config.*',
      'eslint.config.mjs',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The core never imports Electron: only main/electron/ may.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/electron/ may import Electron; the core runs in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer is a web page: no Node, no Electron, no main-process code.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.mts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({
            name,
            message: 'The renderer cannot use Node or Electron; go through the api object.',
          })),
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only over the IPC contract in shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ is imported by every process, so it must run in a browser too.
    files: ['shared/**/*.ts', 'preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'shared/ and preload run in the page: no Node modules.',
          })),
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'shared/ depends on nothing but libraries.',
            },
          ],
        },
      ],
    },
  },
);
