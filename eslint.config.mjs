// ESLint flat config: typescript-eslint with type information on all TypeScript
// sources, and the layering rules the architecture depends on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const editorApis = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageserver-*',
  'vscode-languageclient',
  'vscode-languageclient/*',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.corpus/', '.cache/', 'sample/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // The core is pure: it knows nothing of the editor or the protocol, so the CLI and tests use it as is.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: editorApis, message: 'The core knows nothing of VS Code or LSP: translate in server/src/features or the CLI.' },
            {
              group: ['**/features/*', '**/cli/*', '**/server', '**/startServer', '**/documents', '**/uri', '**/protocol', '**/client/**'],
              message: 'The core does not import its adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // The client talks to the server through the protocol module only.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server/src/(?!protocol$)',
              message: 'The client imports only the protocol module from the server.',
            },
          ],
        },
      ],
    },
  },
);
