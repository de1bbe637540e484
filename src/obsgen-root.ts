import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folder of obsgen's package.json. This module runs from src/ (sources, under tests) or as
 * part of dist/obsgen.cjs (the package's bundle); both sit one level below the root.
 */
export const OBSGEN_ROOT = path.dirname(HERE);

/** obsgen's own code, whose stack frames are never the user's: sources, the bundle, the bin. */
export const OBSGEN_CODE_DIRECTORIES: readonly string[] = ['src', 'dist', 'bin'].map(
  (folder) => path.join(OBSGEN_ROOT, folder) + path.sep,
);
