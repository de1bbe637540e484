#!/usr/bin/env node
// The CLI lives in the package's one bundle, the same module definitions import as 'obsgen'.
import { createRequire } from 'node:module';

const { runCli } = createRequire(import.meta.url)('../dist/obsgen.cjs');
process.exitCode = await runCli(process.argv.slice(2));
