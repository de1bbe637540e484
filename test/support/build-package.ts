import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI tests run the package as a user gets it: build dist/ from the current sources first. */
export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-package.mjs')], {
    stdio: 'inherit',
  });
}
