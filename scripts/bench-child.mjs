// Runs one obsgen command in this process, started exactly as bin/obsgen.mjs starts it (the
// package's bundle, from its code cache), and reports its own peak memory and CPU time, which a
// parent process cannot read for a child.
import { writeFileSync } from 'node:fs';
import { loadBundle } from '../bin/load-bundle.mjs';

const [report, ...argv] = process.argv.slice(2);
if (report === undefined) throw new Error('usage: bench-child.mjs <report.json> <obsgen args…>');
const { exports: obsgen, saveCache } = loadBundle();
const started = performance.now();
const exitCode = await obsgen.runCli(argv, (specifier) => import(specifier));
saveCache();
const usage = process.resourceUsage();
writeFileSync(
  report,
  JSON.stringify({
    exitCode,
    inProcessMs: performance.now() - started,
    maxRssKb: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  }),
);
