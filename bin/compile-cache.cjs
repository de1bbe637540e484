// Node 20 compiles every CommonJS file from its source at every run. The package's bundle, the
// validators built beside it and jiti (which loads the definitions) are compiled here from V8 code
// caches kept in the package's .cache/ instead: parsing and compiling ~2 MB of JavaScript would be
// about a third of every run's start-up. (Node 22's module.enableCompileCache does this for every
// module; obsgen supports Node 20.)
'use strict';
const { isAscii } = require('node:buffer');
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const path = require('node:path');
const { setFlagsFromString } = require('node:v8');
const vm = require('node:vm');

const PACKAGE = path.resolve(__dirname, '..');
const CACHE_DIRECTORY = path.join(PACKAGE, '.cache');
const BUNDLE = path.join(PACKAGE, 'dist', 'obsgen.cjs');

/** The files compiled from caches: the package's dist/ and jiti's own code (no native import() in either). */
function isCached(filename) {
  return (
    (path.dirname(filename) === path.dirname(BUNDLE) && filename.endsWith('.cjs')) ||
    /[\\/]node_modules[\\/]jiti[\\/]dist[\\/]jiti\.cjs$/.test(filename)
  );
}

/**
 * Loads the bundle as require would (registered under its path, so the definitions' `import 'obsgen'`
 * reaches this instance), and compiles the other cached files from their caches as they are
 * required. `saveCache()` after the run writes a cache for each file that had none (or whose cache
 * V8 rejected), holding the functions the run compiled; failing to write one only costs speed.
 */
function loadBundle() {
  // V8 rejects a cache made by another version or with other flags (npm run build passes some):
  // one file per source and runtime, so alternating runs do not keep replacing each other's.
  const runtimeKey = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`)
    .digest('hex')
    .slice(0, 12);
  const compiled = [];
  const compileCached = (module, content, filename) => {
    const { size, mtimeMs } = statSync(filename);
    const sourceKey = `${path.basename(filename)}-${size}-${Math.trunc(mtimeMs)}-`;
    const cacheFile = path.join(CACHE_DIRECTORY, `${sourceKey}${runtimeKey}.v8`);
    const cachedData = readOptional(cacheFile);
    const script = underDefaultFlags(() => new vm.Script(Module.wrap(content), { filename, cachedData }));
    if (cachedData === undefined || script.cachedDataRejected)
      compiled.push({ script, base: path.basename(filename), sourceKey, cacheFile });
    return script
      .runInThisContext()
      .call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, ...rest) {
    return isCached(filename) ? compileCached(this, content, filename) : compile.call(this, content, filename, ...rest);
  };
  const module = new Module(BUNDLE, undefined);
  module.filename = BUNDLE;
  module.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  Module._cache[BUNDLE] = module;
  const bytes = readFileSync(BUNDLE);
  // The bundle is ASCII (a test holds it to that): as latin1 it needs no UTF-8 decoding.
  compileCached(module, bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'), BUNDLE);
  module.loaded = true;
  const saveCache = () => {
    for (const { script, base, sourceKey, cacheFile } of compiled) {
      try {
        mkdirSync(CACHE_DIRECTORY, { recursive: true });
        const partial = `${cacheFile}.${process.pid}.partial`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
        pruneCaches(CACHE_DIRECTORY, base, sourceKey);
      } catch {
        // A read-only installation runs without a cache.
      }
    }
  };
  return { exports: module.exports, saveCache };
}

/** Caches kept per file version: one per set of Node flags it ran under, the most recently written. */
const RUNTIMES_KEPT = 4;

/**
 * Removes the caches of `base` made for its earlier versions (another size or time), and all but
 * the RUNTIMES_KEPT most recently written of this version (`sourceKey`): each new set of Node
 * flags (a profiler's, NODE_OPTIONS) writes a cache of its own, and they would pile up.
 */
function pruneCaches(directory, base, sourceKey) {
  const current = [];
  for (const name of readdirSync(directory)) {
    if (!name.startsWith(`${base}-`) || !name.endsWith('.v8')) continue;
    const file = path.join(directory, name);
    if (!name.startsWith(sourceKey)) rmSync(file, { force: true });
    else current.push({ file, written: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 });
  }
  current.sort((a, b) => b.written - a.written);
  for (const { file } of current.slice(RUNTIMES_KEPT)) rmSync(file, { force: true });
}

module.exports = { loadBundle, pruneCaches, RUNTIMES_KEPT };

/**
 * V8 accepts a code cache only under the flags it was made with. The CLI may change one flag
 * during a run (the young generation's growth, src/cli/young-generation.ts, which records it on
 * `process`), so cached code is compiled, and the caches are written after the run, under V8's
 * defaults.
 */
function underDefaultFlags(compile) {
  const growth = process[Symbol.for('obsgen.youngGenerationGrowth')];
  if (growth === undefined || growth === 2) return compile();
  setFlagsFromString('--semi-space-growth-factor=2');
  try {
    return compile();
  } finally {
    setFlagsFromString(`--semi-space-growth-factor=${growth}`);
  }
}

function readOptional(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
