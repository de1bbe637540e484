#!/usr/bin/env node
// Starts the CLI from the package's bundle (see load-bundle.mjs).
import { loadBundle } from './load-bundle.mjs';

const { exports: obsgen, saveCache } = loadBundle();
process.exitCode = await obsgen.runCli(process.argv.slice(2));
saveCache();
