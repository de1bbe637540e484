#!/usr/bin/env node
// Starts the CLI from the package's bundle (see compile-cache.cjs). CommonJS: an ES module entry
// costs every run Node's ESM loader (~13 ms) before obsgen starts.
'use strict';
const { loadBundle } = require('./compile-cache.cjs');

const { exports: obsgen, saveCache } = loadBundle();
obsgen.runCli(process.argv.slice(2)).then((exitCode) => {
  process.exitCode = exitCode;
  saveCache();
});
