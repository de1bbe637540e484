import { createRequire } from 'node:module';

/**
 * CommonJS dependencies, loaded with require. Imported as ESM under the CLI's TypeScript loader
 * (tsx's module hooks), each file of a package costs a round trip to the hook thread; loading
 * these natively saves ~120 ms of every obsgen run. Each package must be loaded only here (or
 * through `requireCommonJs`), so there is one instance of it (zod's classes and ajv's are
 * compared by identity).
 */
const load = createRequire(import.meta.url);

/**
 * Loads a CommonJS module with Node's source-map support off. tsx turns it on for the whole
 * process, and then each file of a package that ships `sourceMappingURL` comments (ajv,
 * handlebars and the foundation SDK: ~770 files) has its map read and indexed as it loads,
 * ~150 ms of every run, for stack frames obsgen never shows (locations skip node_modules).
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

export const z: typeof import('zod').z = (requireCommonJs('zod') as typeof import('zod')).z;
export const Ajv: typeof import('ajv').Ajv = (requireCommonJs('ajv') as typeof import('ajv')).Ajv;
export const Handlebars: typeof import('handlebars') = requireCommonJs('handlebars') as typeof import('handlebars');
