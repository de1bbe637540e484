// Runs one obsgen command in this process, started exactly as bin/obsgen.cjs starts it (the
// package's bundle, from its code cache), and reports its own peak memory and CPU time, which a
// parent process cannot read for a child.
'use strict';
const { writeFileSync } = require('node:fs');
const { loadBundle } = require('../bin/compile-cache.cjs');

const [report, ...argv] = process.argv.slice(2);
if (report === undefined) throw new Error('usage: bench-child.cjs <report.json> <obsgen args…>');
const { exports: obsgen, saveCache } = loadBundle();
const started = performance.now();
obsgen.runCli(argv).then((exitCode) => {
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
});
