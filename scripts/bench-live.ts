// `obsgen import catalog` and `obsgen verify` against a Prometheus holding 100,000 series of 500
// metrics (backfilled with promtool, metadata scraped from an exposition), each timed with the
// requests it made and the bytes it read, against the naive approach: reading every series
// (/api/v1/series) to measure the same thing. Part of `npm run bench` (BENCH_LIVE=0 skips it).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { obsgenAsync, startLivePrometheus } from '../test/support/live-prometheus.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const METRICS = 500;
const TENANTS = 20;
const ROUTES = 10;

export interface LiveBenchSample {
  readonly what: string;
  readonly wallMs: number;
  readonly requests: number;
  readonly kib: number;
}

/** The three ways of measuring 100,000 series: verify, import, and pulling every series. */
export async function benchLive(): Promise<{ readonly series: number; readonly samples: LiveBenchSample[] }> {
  const end = Math.floor(Date.now() / 1000) - 30;
  const lines: string[] = [];
  const exposition: string[] = [];
  for (let m = 0; m < METRICS; m++) {
    const name = `bench_metric_${String(m).padStart(3, '0')}_total`;
    exposition.push(
      `# HELP ${name} Bench metric ${m}.`,
      `# TYPE ${name} counter`,
      `${name}{job="bench",instance="a:9100",tenant="t0",route="r0"} 1`,
    );
    for (let t = 0; t < TENANTS; t++)
      for (let r = 0; r < ROUTES; r++) {
        const series = `${name}{job="bench",instance="a:9100",tenant="t${t}",route="r${r}"}`;
        lines.push(`${series} 1 ${end - 1800}`, `${series} 2 ${end}`);
      }
  }
  const series = METRICS * TENANTS * ROUTES;
  const prometheus = await startLivePrometheus({
    history: `${lines.join('\n')}\n# EOF\n`,
    exposition: `${exposition.join('\n')}\n`,
    families: ['bench_metric_000_total', `bench_metric_${METRICS - 1}_total`],
  });
  // Inside the repository, so the imported module's import 'obsgen' resolves.
  mkdirSync(path.join(REPO, '.cache'), { recursive: true });
  const scratch = mkdtempSync(path.join(REPO, '.cache', 'bench-live-'));
  try {
    const samples: LiveBenchSample[] = [];
    const timed = async (what: string, args: string[], tally: (out: string) => string) => {
      const started = performance.now();
      const run = await obsgenAsync(args);
      const wallMs = performance.now() - started;
      if (run.status !== 0 && run.status !== 1) throw new Error(`${what}: ${run.stdout}${run.stderr}`);
      const match = /(\d+) requests, (\d+) KiB/.exec(tally(`${run.stdout}${run.stderr}`));
      samples.push({ what, wallMs, requests: Number(match?.[1] ?? NaN), kib: Number(match?.[2] ?? NaN) });
    };
    const imported = path.join(scratch, 'bench.ts');
    await timed(
      `import catalog (${METRICS} metrics)`,
      ['import', 'catalog', imported, '--prometheus', prometheus.url, '--match', '{job="bench"}', '--system', 'bench'],
      (out) => out,
    );
    await timed(
      `verify (the imported catalog)`,
      ['verify', '--definitions', imported, '--prometheus', prometheus.url],
      (out) => out,
    );
    // Naive: every series of the window, which is what measuring them without counts would read.
    const started = performance.now();
    const response = await fetch(
      `${prometheus.url}/api/v1/series?${new URLSearchParams({ 'match[]': '{job="bench"}', start: String(end - 3600), end: String(end) })}`,
    );
    const body = await response.arrayBuffer();
    const data = JSON.parse(new TextDecoder().decode(body)) as { data: unknown[] };
    if (data.data.length < series) throw new Error(`the naive read returned ${data.data.length} series`);
    samples.push({
      what: 'naive: GET /api/v1/series (every series)',
      wallMs: performance.now() - started,
      requests: 1,
      kib: Math.round(body.byteLength / 1024),
    });
    if (!readFileSync(imported, 'utf8').includes('tenant: bounded('))
      throw new Error('the import did not bound tenant');
    return { series, samples };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await prometheus.stop();
  }
}
