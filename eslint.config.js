// Lint rules, including the layering rule that keeps each runtime's code in its lane
// (see ../shared/STYLE.md "Layers by where code runs").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { localRules } from './eslint-rules/electron-layers.js';

// Bare built-in names go in `paths` (exact module names): as gitignore-style `patterns` they would
// also match our own files such as `../normalise/url`.
const nodeBuiltinNames = [
  'fs',
  'path',
  'os',
  'http',
  'https',
  'crypto',
  'child_process',
  'worker_threads',
  'stream',
  'url',
  'util',
  'zlib',
  'net',
];
const nodeBuiltinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', '*.config.js', '*.config.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths('shared/ is pure: no Node built-ins.'),
          patterns: [
            { group: ['electron', 'electron/*'], message: 'shared/ is pure: no electron.' },
            { group: ['node:*'], message: 'shared/ is pure: no Node built-ins.' },
            {
              group: ['react', 'react-dom', '**/renderer/**', '**/electron/**'],
              message: 'shared/ depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'Services never import electron; only electron/shell/ does.',
            },
            {
              group: ['**/renderer/**', 'react', 'react-dom'],
              message: 'Node services never import the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The order of electron/* folders, and handler modules as edges (eslint-rules/electron-layers.js).
    files: ['electron/**/*.ts'],
    plugins: { local: localRules },
    rules: {
      'local/electron-layers': 'error',
      // The shell wires the contract's events to the window: part of registering its handlers.
      'local/handler-edges': ['error', { allow: ['forwardEvents'] }],
    },
  },
  {
    // No source file over 400 lines (../shared/STYLE.md).
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['eslint-rules/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths('The renderer never uses Node built-ins.'),
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer talks to main only through the bridge.',
            },
            { group: ['node:*'], message: 'The renderer never uses Node built-ins.' },
            { group: ['**/electron/**'], message: 'The renderer imports shared/, never electron/.' },
          ],
        },
      ],
    },
  },
);
