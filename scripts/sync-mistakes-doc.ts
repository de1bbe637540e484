// Rewrites docs/mistakes.md from the catalogue of mistakes (test/mistakes/) and what obsgen
// catches of it, measured by building every bad definition. test/mistakes.test.ts fails while
// the page differs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mistakesDocument } from '../test/mistakes/figures.ts';

writeFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/mistakes.md'), mistakesDocument());
