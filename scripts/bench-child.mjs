// Runs one obsgen command in this process, started exactly as bin/obsgen.mjs starts it (tsx's
// loader registered in-process), and reports its own peak memory and CPU time, which a parent
// process cannot read for a child.
import { writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const [report, ...argv] = process.argv.slice(2);
if (report === undefined) throw new Error('usage: bench-child.mjs <report.json> <obsgen args…>');
const started = performance.now();
const exitCode = await main(argv);
const usage = process.resourceUsage();
writeFileSync(report, JSON.stringify({ exitCode, inProcessMs: performance.now() - started, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
