// Lint enforces the layer rules of architecture.md / style.md:
//  - src/core never imports `vscode` (not even as a type);
//  - src/webview imports only the shared protocol (no Node, no vscode, no core);
//  - src/extension imports the core only through src/core/index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'util', 'events', 'url', 'zlib', 'tls', 'dns', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-artifacts/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is pure TypeScript: it must never import vscode (architecture.md).' }], patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'core must not depend on the shell or the webview.' }] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview is browser code.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The webview is browser code: no Node modules.' }))],
        patterns: [{ group: ['node:*'], message: 'The webview is browser code: no Node modules.' }, { group: ['**/core/**', '**/extension/**'], message: 'The webview talks to the extension only through src/protocol.' }],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/*/**', '!**/core/index'], message: 'The extension uses the core only through src/core/index.ts.' }, { group: ['**/webview/**'], message: 'The extension talks to the webview only through src/protocol.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
