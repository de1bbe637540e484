import { createRequire } from 'node:module';

/**
 * A package with classes compared by identity (ajv's) is imported here and only here, so there is
 * one instance of it. The package bundle carries it.
 */
export { Ajv } from 'ajv';

const load = createRequire(import.meta.url);

/**
 * Loads a CommonJS package that stays outside the bundle (jiti, the definitions' loader) with
 * Node's source-map support off: when a caller has turned it on for the process, a package's files
 * with `sourceMappingURL` comments would have their maps read and indexed as they load, for
 * stack frames obsgen never shows (locations skip node_modules).
 */
export function requireCommonJs(id: string): unknown {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return load(id);
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}
