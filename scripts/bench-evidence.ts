// Evidence in review, measured: `obsgen backtest` of every alert of definitions/ over 7 days and
// `obsgen preview` of every dashboard, against Debian's Prometheus holding a week of synthetic
// history of definitions/ (five-minute samples, which rate() over 5m still reads in Prometheus 2;
// users' synthetic runs get a minute, at most two days): wall time, requests, and the samples the
// server read (its own statistics). Part of `npm run bench` (BENCH_EVIDENCE=0 skips it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withSyntheticPrometheus } from '../src/cli/prometheus/synthetic-prometheus.ts';
import { validSystem } from '../src/validate/system-values.ts';
import definitions from '../definitions/index.ts';
import { obsgenAsync } from '../test/support/live-prometheus.ts';

export interface EvidenceBenchSample {
  readonly what: string;
  readonly wallMs: number;
  readonly requests: number;
  readonly kib: number;
  readonly samples: number;
}

const WEEK = 7 * 86_400;

export async function benchEvidence(): Promise<{ readonly setupMs: number; readonly samples: EvidenceBenchSample[] }> {
  const systems = definitions.systems.map((system) => validSystem(system).system);
  const started = performance.now();
  return withSyntheticPrometheus(
    systems,
    WEEK,
    async ({ url }) => {
      const setupMs = performance.now() - started;
      const out = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-previews-'));
      try {
        const samples: EvidenceBenchSample[] = [];
        const timed = async (what: string, args: string[]) => {
          const begun = performance.now();
          const run = await obsgenAsync(args);
          const wallMs = performance.now() - begun;
          if (run.status !== 0) throw new Error(`${what}: ${run.stdout}${run.stderr}`);
          const match = /(\d+) requests, (\d+) KiB(?:, ([\d,]+) samples read)?/.exec(run.stderr);
          samples.push({
            what,
            wallMs,
            requests: Number(match?.[1] ?? NaN),
            kib: Number(match?.[2] ?? NaN),
            samples: Number((match?.[3] ?? '0').replace(/,/g, '')),
          });
        };
        await timed('backtest of every alert over 7 days', ['backtest', '--prometheus', url, '--range', '7d']);
        await timed('preview of every dashboard', [
          'preview',
          '--prometheus',
          url,
          '--out',
          path.join(out, 'previews'),
        ]);
        return { setupMs, samples };
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    { stepSeconds: 300, maxRangeSeconds: WEEK },
  );
}
