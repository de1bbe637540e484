#!/usr/bin/env node
// Starts the CLI from the package's bundle (see load-bundle.mjs).
import { loadBundle } from './load-bundle.mjs';

const { exports: obsgen, saveCache } = loadBundle();
// The bundle imports ES modules through this module's import(): code compiled from a code cache
// has no dynamic-import callback of its own.
process.exitCode = await obsgen.runCli(process.argv.slice(2), (specifier) => import(specifier));
saveCache();
