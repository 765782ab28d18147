import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', 'tests/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration from the parsed config (app/src/config.ts), not process.env.',
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'natural', message: "Import natural's modules directly: its root loads .env, mongoose, pg and redis." }] },
      ],
    },
  },
  {
    files: ['app/src/config.ts', '**/testing/**', 'tests/**', '**/*.test.ts', '**/scripts/**', '**/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
