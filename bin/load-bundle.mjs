// Loads the package's bundle, the module definitions import as 'obsgen', compiled from a V8 code
// cache kept beside the package (.cache/) when one is there: parsing and compiling 3 MB of
// JavaScript is about a third of every run's start-up.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const cacheDirectory = fileURLToPath(new URL('../.cache/', import.meta.url));

/**
 * Loads the bundle as require would, registered under its path so `require('obsgen')` finds it.
 * `saveCache()` after the run writes the cache when there was none (or V8 rejected it), so it
 * holds the functions the run compiled; failing to write only costs speed.
 */
export function loadBundle() {
  const filename = fileURLToPath(new URL('../dist/obsgen.cjs', import.meta.url));
  const source = readFileSync(filename, 'utf8');
  const { size, mtimeMs } = statSync(filename);
  // V8 rejects a cache made by another version or with other flags (npm run build passes some):
  // one file per bundle and runtime, so alternating runs do not keep replacing each other's.
  const bundleKey = `obsgen-${size}-${Math.trunc(mtimeMs)}-`;
  const runtimeKey = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`)
    .digest('hex')
    .slice(0, 12);
  const cacheFile = path.join(cacheDirectory, `${bundleKey}${runtimeKey}.v8`);
  const cachedData = readOptional(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const module = new Module(filename, undefined);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = module;
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  module.loaded = true;
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      mkdirSync(cacheDirectory, { recursive: true });
      for (const stale of readdirSync(cacheDirectory))
        if (stale.endsWith('.v8') && !stale.startsWith(bundleKey))
          rmSync(path.join(cacheDirectory, stale), { force: true });
      const partial = `${cacheFile}.${process.pid}.partial`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // A read-only installation runs without a cache.
    }
  };
  return { exports: module.exports, saveCache };
}

function readOptional(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
