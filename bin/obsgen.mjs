#!/usr/bin/env node
// Definitions are TypeScript: register tsx's loader (with source maps, so findings point at .ts lines).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
