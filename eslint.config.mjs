import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'server/core/db/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The product's logic never depends on the web framework or on the routes (../shared/STYLE.md).
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['next', 'next/*', 'react', 'react-dom'], message: 'server/ must not import the web framework.' },
        { group: ['**/app/**', '@/app/**'], message: 'server/ must not import routes.' },
      ] }],
    },
  },
  {
    // server/core knows no domain module.
    files: ['server/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['next', 'next/*', 'react'], message: 'server/ must not import the web framework.' },
        { group: ['../../*/index.ts', '../../auth/*', '../../directory/*', '../../access/*', '../../platform/*', '../auth/*', '../directory/*', '../access/*', '../platform/*'], message: 'server/core imports no module.' },
      ] }],
    },
  },
]

export default config
