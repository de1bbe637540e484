// Without a Prometheus, backtests and previews run on history generated from the catalogs
// (src/live/synthetic-history.ts) in Debian's Prometheus started for the run, and say so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plantedIncidents, syntheticHistory } from '../src/live/synthetic-history.ts';
import queueProject from './fixtures/live/queue.ts';
import { tempDir } from './support/cli.ts';
import { obsgenAsync } from './support/live-prometheus.ts';

const FIXTURE = 'test/fixtures/live/queue.ts';
const range = { start: 1_800_000_000 - 86_400, end: 1_800_000_000, stepSeconds: 60 };
const catalog = queueProject.systems[0]!.catalog;

/** The samples of one series of the text, by its exact labels. */
function samplesOf(text: string, series: string): [number, number][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${series} `))
    .map((line) => {
      const [, value, t] = line.split(' ');
      return [Number(t), Number(value)];
    });
}

describe('syntheticHistory', () => {
  const text = syntheticHistory([catalog], range, new Map(), new Map([['queue_depth', 100]]));
  const [one, two] = plantedIncidents(range);

  it('is the same text for the same catalog and range, one family block per metric, ending in # EOF', () => {
    expect(syntheticHistory([catalog], range, new Map(), new Map([['queue_depth', 100]]))).toBe(text);
    expect(text.match(/^# TYPE /gm)).toHaveLength(1 + catalog.metricList.length);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
  });

  it('counters only grow, and a failure-valued series takes most of an incident', () => {
    const failed = samplesOf(text, 'queue_jobs_total{queue="a",outcome="failed",job="queue",instance="queue-1:9100"}');
    const ok = samplesOf(text, 'queue_jobs_total{queue="a",outcome="ok",job="queue",instance="queue-1:9100"}');
    expect(failed).toHaveLength(1441);
    for (let i = 1; i < failed.length; i++) expect(failed[i]![1]).toBeGreaterThanOrEqual(failed[i - 1]![1]);
    const increase = (series: [number, number][], from: number, to: number) =>
      series.find(([t]) => t === to)![1] - series.find(([t]) => t === from)![1];
    const share = (from: number, to: number) =>
      increase(failed, from, to) / (increase(failed, from, to) + increase(ok, from, to));
    expect(share(range.start, one!.start)).toBeLessThan(0.05);
    expect(share(one!.start, one!.end)).toBeGreaterThan(0.2);
  });

  it('a gauge stays under the threshold alerts compare it with, and goes over it in each incident', () => {
    const depth = samplesOf(text, 'queue_depth{queue="a",job="queue",instance="queue-1:9100"}');
    const inside = (t: number) => [one!, two!].some((i) => t >= i.start && t < i.end);
    expect(depth.filter(([t]) => inside(t)).every(([, v]) => v > 100)).toBe(true);
    expect(depth.filter(([t]) => !inside(t)).every(([, v]) => v < 100)).toBe(true);
  });
});

describe('without --prometheus', () => {
  it('backtest reads synthetic history in a local Prometheus and says so: the planted incidents fire', async () => {
    const run = await obsgenAsync(['backtest', '--definitions', FIXTURE, '--range', '1d', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('obsgen: no --prometheus: reading synthetic history generated from the catalogs');
    const result = JSON.parse(run.stdout) as {
      synthetic: boolean;
      alerts: { alert: string; episodes: { firedAt: number; resolvedAt?: number }[] }[];
    };
    expect(result.synthetic).toBe(true);
    const atOnce = result.alerts.find((a) => a.alert === 'QueueHighAtOnce')!;
    expect(atOnce.episodes).toHaveLength(2);
    // 20 and 5 minutes over the threshold, as planted.
    expect(atOnce.episodes.map((e) => (e.resolvedAt ?? 0) - e.firedAt)).toEqual([1200, 300]);
    const text = await obsgenAsync(['backtest', '--definitions', FIXTURE, '--range', '1d']);
    expect(text.stdout.split('\n')[0]).toBe(
      'SYNTHETIC: history generated from the catalogs (a daily pattern, two planted incidents), not production.',
    );
  });

  it('preview draws every dashboard from synthetic history, each page marked synthetic', async () => {
    const out = path.join(tempDir('synthetic-preview'), 'previews');
    const run = await obsgenAsync(['preview', '--definitions', FIXTURE, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/wrote .*: 3 dashboards, \d+ panels, \d+ with data; read synthetic history/);
    const page = readFileSync(path.join(out, 'queue/queue.html'), 'utf8');
    expect(page).toContain('<p class="synthetic">Synthetic: drawn from history generated from the catalog');
    expect(page).not.toContain('No data');
  });
});
