import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  // types/ is generated from custom-elements.json by the generators (scripts/framework-types.mjs).
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'coverage/**', 'types/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  { files: ['**/*.d.ts'], rules: { '@typescript-eslint/no-unused-vars': 'off' } },
  // src/core/link/rtc.ts is the one place that touches simple-peer and the RTCPeerConnection and
  // channel inside it (its lazy loader aside): a change of WebRTC library is a change of one file.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/link/rtc.ts', 'src/core/platform/simple-peer-loader.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'simple-peer', message: 'Only src/core/link/rtc.ts touches simple-peer.' }],
          patterns: [{ group: ['**/simple-peer-loader.js'], message: 'Only src/core/link/rtc.ts loads simple-peer.' }],
        },
      ],
      'no-restricted-syntax': ['error', { selector: 'MemberExpression[property.name=/^_(pc|channel)$/]', message: "simple-peer's internals: only src/core/link/rtc.ts reaches them." }],
    },
  },
);
