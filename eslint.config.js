// `npm run lint`: TypeScript rules, no import cycles, and the one-way layers of docs/development.md.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers, lowest first: a module may import its own layer and the ones below, never one above.
 * (The vocabulary and languages; the targets' own rules; facts derived once; pure compilers
 * returning artifacts; checks reading facts and artifacts; the build; the CLI; the public entry.)
 */
const LAYERS = [
  [
    'src/finding.ts',
    'src/rule-id.ts',
    'src/subject.ts',
    'src/bounded-memo.ts',
    'src/commonjs-packages.ts',
    'src/obsgen-root.ts',
    'src/model',
    'src/promql',
    'src/text',
    'src/template',
  ],
  ['src/logsinsights', 'src/otel', 'src/grafana', 'src/aws', 'src/kubernetes', 'src/openslo', 'src/import', 'src/live'],
  ['src/validate', 'src/derive'],
  ['src/compile'],
  ['src/check'],
  ['src/pipeline'],
  ['src/cli'],
  ['src/index.ts', 'src/package'],
];

const layerZones = LAYERS.slice(0, -1).flatMap((targets, level) =>
  targets.map((target) => ({
    target: `./${target}`,
    from: LAYERS.slice(level + 1)
      .flat()
      .map((path) => `./${path}`),
    message: `${target} is below what it imports: the flow is derive -> compile -> check -> pipeline -> cli (docs/development.md).`,
  })),
);

/** Checks read compiled artifacts; they never call a compiler (the artifacts module is their only door). */
const checksDoNotCompile = {
  target: './src/check',
  from: './src/compile',
  except: ['./system-artifacts.ts'],
  message: 'A check reads context.artifacts (src/compile/system-artifacts.ts); it does not call a compiler.',
};

/** The vocabulary is a leaf: the model names query types and the AST, never the builders or analyzers. */
const modelNamesOnlyQueryTypes = {
  target: './src/model',
  from: './src/promql',
  except: ['./ast.ts'],
  message: 'The model may import src/promql/ast.ts (the AST and the query types beside it) only.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'generated/',
      'node_modules/',
      'test/fixtures/broken/',
      '.cache/',
      'coverage/',
      'init-template/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Scripts and the bin run on Node.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    extends: [importX.flatConfigs.typescript],
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.mjs'],
          conditionNames: ['obsgen-source', 'import', 'require', 'node', 'default'],
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...layerZones, checksDoNotCompile, modelNamesOnlyQueryTypes] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A module-level WeakMap keyed by an object is a hidden cache; what a build memoizes lives in its context.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > VariableDeclaration NewExpression[callee.name="WeakMap"]',
          message:
            'No module-level caches keyed by identity: memoize in the build context (CheckContext.once) or compute in derive/.',
        },
        {
          // The first locale-aware format of a process loads ICU's locale data (~25 ms of every run).
          selector: 'CallExpression[callee.property.name="toLocaleString"]',
          message: 'Write numbers with groupedNumber (src/text/grouped-number.ts): same text, no ICU at run time.',
        },
      ],
    },
  },
  {
    // The validation stage parses a definition's durations once (src/model/valid-system.ts); later stages read the numbers.
    files: ['src/derive/**/*.ts', 'src/compile/**/*.ts', 'src/check/**/*.ts'],
    ignores: ['src/check/alertmanager/structure-rule.ts', 'src/check/alertmanager/timing-rule.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/model/duration.ts'],
              importNames: ['parseDuration'],
              message:
                'Read the parsed value (intervalSeconds, forSeconds, periodSeconds) the validation stage admitted; do not parse a definition again.',
            },
          ],
        },
      ],
    },
  },
);
