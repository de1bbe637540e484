import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // In-process tests run obsgen from its sources: definitions' `import 'obsgen'` must reach the
    // same modules as the tests' own imports of src/ (the CLI tests run the built package).
    alias: [{ find: /^obsgen$/, replacement: path.resolve(import.meta.dirname, 'src/index.ts') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'definitions/**/*.test.ts'],
    globalSetup: ['test/support/build-package.ts'],
    // Each test file's temporary directories (TMPDIR, .cache/ scratch) are its own and go with it.
    setupFiles: ['test/support/scratch-setup.ts'],
    // CLI and promtool tests spawn processes; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
