// `npm run bench`: times `obsgen build` and `obsgen check` on definitions/ and on generated
// fleets, each as a fresh process (what a user or CI waits for), three runs, median reported.
// Scaling is judged by ratios between fleet sizes measured in this same run, never by absolute
// numbers in tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { project } from '../src/index.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { corpusDir, ruleExpressions } from './corpus.ts';
import { benchSloRules, spikyPeriodWindow } from './bench-slo-rules.ts';
import { benchObsgenTest } from './bench-obsgen-test.ts';
import { benchLive } from './bench-live.ts';
import { benchEvidence } from './bench-evidence.ts';
import { benchTargets, DEFAULT_BASELINE, scriptStart } from './bench-targets.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The node options `npm run build` passes (a larger young generation: a big project's model
 * outlives many scavenges; 64 MB semi-spaces cut ~1 s from compiling the 1,000-system fleet), so the
 * benchmark measures what users run.
 */
const NODE_OPTIONS = scriptStart(REPO, 'build').options;
const RUNS = Number(process.env.BENCH_RUNS ?? '3');
const FLEET_SIZES = (process.env.BENCH_FLEET ?? '100,200,500,1000').split(',').map(Number);

interface Sample {
  readonly wallMs: number;
  readonly inProcessMs: number;
  readonly maxRssMb: number;
}

/**
 * Every run writes into a fresh directory under one scratch root, removed when the benchmark
 * ends: deleting a run's 18,000 files right before the next run made that run pay for the
 * deletion (ext4 with online discard), adding seconds of noise that were not obsgen's.
 */
const SCRATCH_ROOT = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-'));
process.on('exit', () => rmSync(SCRATCH_ROOT, { recursive: true, force: true }));

function runOnce(args: readonly string[], env: Record<string, string>): Sample & { readonly scratch: string } {
  const scratch = mkdtempSync(path.join(SCRATCH_ROOT, 'run-'));
  const report = path.join(scratch, 'report.json');
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      ...NODE_OPTIONS,
      path.join(REPO, 'scripts/bench-child.cjs'),
      report,
      ...args.map((a) => a.replace('$SCRATCH', scratch)),
    ],
    {
      cwd: REPO,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - started;
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    exitCode: number;
    inProcessMs: number;
    maxRssKb: number;
  };
  // A build with error findings writes nothing: timing it would flatter us.
  if (result.exitCode !== 0)
    throw new Error(`obsgen ${args.join(' ')} exited ${result.exitCode}: ${child.stdout}${child.stderr}`);
  return { wallMs, inProcessMs: result.inProcessMs, maxRssMb: result.maxRssKb / 1024, scratch };
}

function median(args: readonly string[], env: Record<string, string> = {}): Sample & { readonly scratch: string } {
  const samples = Array.from({ length: RUNS }, () => runOnce(args, env)).sort((a, b) => a.wallMs - b.wallMs);
  return samples[Math.floor(samples.length / 2)]!;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rows: string[][] = [];

// The bundle the CLI runs from, built from the sources being measured.
spawnSync(process.execPath, [path.join(REPO, 'scripts/build-package.mjs')], { stdio: 'inherit' });

/** Wall time of a whole command as a user types it (no options of ours), median of RUNS. */
function commandWallMs(command: string, args: readonly string[]): number {
  const walls = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const run = spawnSync(command, [...args], { cwd: REPO, encoding: 'utf8' });
    if (run.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stdout}${run.stderr}`);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return walls[Math.floor(walls.length / 2)]!;
}
// Start-up as users meet it: `obsgen check` on definitions/ (the bin as npx starts it), and npx
// itself around it (npm's own start-up, not obsgen's).
const startup = commandWallMs(process.execPath, [path.join(REPO, 'bin/obsgen.cjs'), 'check']);
const startupNpx = commandWallMs('npx', ['--no-install', 'obsgen', 'check']);
// A reviewer's wait: obsgen diff on definitions/ against HEAD (a git worktree of the base, both
// sides built in memory).
const diffWall = commandWallMs(process.execPath, [path.join(REPO, 'bin/obsgen.cjs'), 'diff', '--base', 'HEAD']);

const build = median(['build', '--out', '$SCRATCH/generated']);
const check = median(['check']);
rows.push([
  'definitions/ (5 systems)',
  'build',
  fmt(build.wallMs),
  fmt(build.inProcessMs),
  `${build.maxRssMb.toFixed(0)} MB`,
]);
rows.push([
  'definitions/ (5 systems)',
  'check',
  fmt(check.wallMs),
  fmt(check.inProcessMs),
  `${check.maxRssMb.toFixed(0)} MB`,
]);

const fleet = new Map<number, Sample & { readonly scratch: string }>();
for (const size of FLEET_SIZES) {
  const sample = median(['build', '--definitions', 'scripts/fleet-definitions.ts', '--out', '$SCRATCH/generated'], {
    OBSGEN_FLEET_SIZE: String(size),
  });
  fleet.set(size, sample);
  rows.push([
    `fleet, ${size} systems × 20 metrics`,
    'build',
    fmt(sample.wallMs),
    fmt(sample.inProcessMs),
    `${sample.maxRssMb.toFixed(0)} MB`,
  ]);
}

const header = ['workload', 'command', 'wall (median)', 'in process', 'peak RSS'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`obsgen benchmark — ${RUNS} runs each, node ${process.version} ${NODE_OPTIONS.join(' ')}`);
console.log(line(header));
for (const row of rows) console.log(line(row));

console.log('\nScaling (in-process time; startup excluded), each against the next smaller fleet in this run:');
let verdict = true;
const sizes = [...fleet.keys()].sort((a, b) => a - b);
for (let i = 1; i < sizes.length; i++) {
  const small = fleet.get(sizes[i - 1]!)!;
  const large = fleet.get(sizes[i]!)!;
  const sizeRatio = sizes[i]! / sizes[i - 1]!;
  const timeRatio = large.inProcessMs / small.inProcessMs;
  const ok = timeRatio <= sizeRatio * 1.1;
  verdict &&= ok;
  console.log(
    `  ${sizes[i - 1]} → ${sizes[i]} systems (×${sizeRatio.toFixed(1)}): time ×${timeRatio.toFixed(2)} ${ok ? 'ok (at most linear)' : 'SUPERLINEAR'}`,
  );
}

// PromQL: our full semantic check of the corpus against promtool's syntax check of it.
const promtool = locateTool('promtool');
if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
const corpus = ruleExpressions('prometheus-rules');
const corpusFiles = readdirSync(corpusDir('prometheus-rules')).map((f) => path.join(corpusDir('prometheus-rules'), f));
const catalog = new SeriesCatalog(project({ systems: [] }));
const analyzerMs: number[] = [];
const promtoolMs: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // Reading and parsing the YAML is part of the work, as it is for promtool.
  const started = performance.now();
  for (const { expr } of ruleExpressions('prometheus-rules')) analyzePromql(expr, { catalog, system: undefined });
  analyzerMs.push(performance.now() - started);
  const promtoolStarted = performance.now();
  const checked = spawnSync(promtool, ['check', 'rules', ...corpusFiles], { encoding: 'utf8' });
  promtoolMs.push(performance.now() - promtoolStarted);
  if (checked.status !== 0)
    throw new Error(`promtool check rules failed on the corpus: ${checked.stdout}${checked.stderr}`);
}
const medianOf = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ours = medianOf(analyzerMs);
const theirs = medianOf(promtoolMs);
console.log(
  `\nPromQL over the corpus (${corpus.length} expressions in ${corpusFiles.length} files, median of ${RUNS}):`,
);
console.log(
  `  obsgen read + parse + full semantic analysis: ${fmt(ours)} (${Math.round(corpus.length / (ours / 1000)).toLocaleString('en-US')} expressions/s)`,
);
console.log(
  `  promtool check rules (syntax):                ${fmt(theirs)} (${Math.round(corpus.length / (theirs / 1000)).toLocaleString('en-US')} expressions/s)`,
);
console.log(`  ratio obsgen / promtool: ×${(ours / theirs).toFixed(2)}`);

console.log(
  `\nStart-up (obsgen check on definitions/, median of ${RUNS}): ${fmt(startup)} as node bin/obsgen.cjs check; ${fmt(startupNpx)} as npx obsgen check (npm's own start-up included).`,
);

console.log(`obsgen diff on definitions/ against HEAD (median of ${RUNS}): ${fmt(diffWall)}.`);

// Issue 28's targets, each against the tree before that work, alternating the two trees.
const baseline = process.env.BENCH_BASELINE ?? DEFAULT_BASELINE;
if (baseline !== '0') {
  const runs = Math.max(RUNS, 5);
  console.log(`\nTargets, against the tree before issue 28 (${baseline}) in this run, alternating, median of ${runs}:`);
  for (const target of benchTargets(REPO, baseline, runs))
    console.log(
      `  ${target.what}: ${fmt(target.currentMs)} against ${fmt(target.baselineMs)} (×${(target.currentMs / target.baselineMs).toFixed(2)}); ` +
        `target ${fmt(target.targetMs)}: ${target.currentMs <= target.targetMs ? 'met' : 'NOT MET'} on this machine`,
    );
}

// SLO rules in the real Prometheus, Sloth's and obsgen's, on the same three days of history.
const slo = process.env.BENCH_SLO === '0' ? undefined : await benchSloRules();
const spiky = process.env.BENCH_SLO === '0' ? undefined : await spikyPeriodWindow();
if (slo !== undefined) {
  const samplesRatio = slo.sloth.samples / slo.obsgen.samples;
  const timeRatio = slo.sloth.seconds / slo.obsgen.seconds;
  console.log(
    `\nSLO rules in Prometheus (Sloth's getting-started SLO; ${slo.series.toLocaleString('en-US')} request series, ${3} days of history):\n` +
      `  Sloth:  ${slo.sloth.samples.toLocaleString('en-US')} samples read per evaluation, SLI group ${(slo.sloth.seconds * 1000).toFixed(0)} ms\n` +
      `  obsgen: ${slo.obsgen.samples.toLocaleString('en-US')} samples read per evaluation, SLI group ${(slo.obsgen.seconds * 1000).toFixed(0)} ms\n` +
      `  obsgen reads ×${samplesRatio.toFixed(0)} fewer samples and evaluates ×${timeRatio.toFixed(1)} faster`,
  );
}
if (spiky !== undefined) {
  const percent = (value: number) => `${(value * 100).toFixed(3)} %`;
  console.log(
    `\nPeriod window on spiky traffic (quiet minutes at 50 % errors, busy ones at 1 %), read from Prometheus:\n` +
      `  true share of bad events ${percent(spiky.truth)}; obsgen ${percent(spiky.obsgen)}; Sloth ${percent(spiky.sloth)} (×${(spiky.sloth / spiky.truth).toFixed(1)})`,
  );
}

// import catalog and verify on 100,000 live series, against reading every series.
const live = process.env.BENCH_LIVE === '0' ? undefined : await benchLive();
if (live !== undefined) {
  console.log(
    `\nimport catalog and verify on ${live.series.toLocaleString('en-US')} series of 500 metrics (a local Prometheus):`,
  );
  for (const s of live.samples)
    console.log(`  ${s.what}: ${fmt(s.wallMs)}, ${s.requests} requests, ${s.kib.toLocaleString('en-US')} KiB read`);
}

// Backtest and previews of definitions/ on a week of synthetic history.
const evidence = process.env.BENCH_EVIDENCE === '0' ? undefined : await benchEvidence();
if (evidence !== undefined) {
  console.log(
    `\nEvidence in review on a week of synthetic history of definitions/ (a local Prometheus, ready in ${fmt(evidence.setupMs)}):`,
  );
  for (const s of evidence.samples)
    console.log(
      `  ${s.what}: ${fmt(s.wallMs)}, ${s.requests} requests, ${s.kib.toLocaleString('en-US')} KiB read, ${s.samples.toLocaleString('en-US')} samples read by the server`,
    );
}

// obsgen test on one group of 200 and 2,000 alerts.
const alertTests = process.env.BENCH_TEST === '0' ? [] : benchObsgenTest([200, 2000]);
if (alertTests.length > 0) {
  console.log('\nobsgen test on one rule group of N alerts (two promtool cases each):');
  for (const sample of alertTests)
    console.log(
      `  ${sample.alerts.toLocaleString('en-US')} alerts, ${sample.cases.toLocaleString('en-US')} cases: ${fmt(sample.wallMs)} (${(sample.wallMs / sample.alerts).toFixed(1)} ms per alert)` +
        (sample.wholeFileMs === undefined
          ? ''
          : `; promtool on the whole test file: ${fmt(sample.wholeFileMs)} (×${(sample.wholeFileMs / sample.wallMs).toFixed(1)} slower)`),
    );
}
const twoThousand = alertTests.find((sample) => sample.alerts === 2000);

const largest = fleet.get(Math.max(...sizes));
// The review pages of the largest fleet: an index and a page per system (one 19 MB page before).
if (largest !== undefined) {
  const reports = path.join(largest.scratch, 'generated/reports');
  const pages = readdirSync(path.join(reports, 'systems')).map(
    (file) => statSync(path.join(reports, 'systems', file)).size,
  );
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(
    `\nReview pages of the ${Math.max(...sizes)}-system fleet: index ${kib(statSync(path.join(reports, 'index.html')).size)}, ` +
      `${pages.length} system pages of ${kib(Math.min(...pages))} to ${kib(Math.max(...pages))} (${kib(pages.reduce((a, b) => a + b, 0))} in all)`,
  );
}
const targets = [
  ['obsgen check on definitions/ under 0.5 s wall (the bin, as npx starts it)', startup < 500, fmt(startup)],
  [`definitions/ build + check under 2 s wall`, build.wallMs + check.wallMs < 2000, fmt(build.wallMs + check.wallMs)],
  [
    `${Math.max(...sizes)} systems build under 10 s wall`,
    largest !== undefined && largest.wallMs < 10_000,
    largest === undefined ? 'n/a' : fmt(largest.wallMs),
  ],
  ['doubling N at most doubles the time', verdict, verdict ? 'yes' : 'no'],
  ['obsgen diff on definitions/ under 3 s wall', diffWall < 3000, fmt(diffWall)],
  ...(slo === undefined
    ? []
    : ([
        [
          "SLO rules read ≥ 10× fewer samples than Sloth's",
          slo.sloth.samples >= 10 * slo.obsgen.samples,
          `×${(slo.sloth.samples / slo.obsgen.samples).toFixed(0)}`,
        ],
        [
          "SLO rules evaluate ≥ 5× faster than Sloth's",
          slo.sloth.seconds >= 5 * slo.obsgen.seconds,
          `×${(slo.sloth.seconds / slo.obsgen.seconds).toFixed(1)}`,
        ],
      ] as const)),
  ['corpus semantic check no slower than promtool check rules', ours <= theirs, `×${(ours / theirs).toFixed(2)}`],
  ...(twoThousand === undefined
    ? []
    : ([
        ['obsgen test on 2,000 alerts under 60 s wall', twoThousand.wallMs < 60_000, fmt(twoThousand.wallMs)],
      ] as const)),
] as const;
console.log('\nTargets:');
for (const [name, met, figure] of targets) console.log(`  ${met ? 'met ' : 'MISS'}  ${name} (${figure})`);
