import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

/** Set by scratch-setup.ts: this test file's directory inside the repository's .cache/. */
export const REPOSITORY_SCRATCH_VARIABLE = 'OBSGEN_TEST_REPOSITORY_SCRATCH';

/**
 * A new directory inside the repository (below .cache/), where a definitions module's
 * `import 'obsgen'` resolves to this package; removed with the test file's other scratch.
 */
export function repositoryScratch(prefix: string): string {
  const root = process.env[REPOSITORY_SCRATCH_VARIABLE] ?? path.resolve('.cache');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${prefix}-`));
}
