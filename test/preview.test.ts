// obsgen preview on Debian's Prometheus holding six hours of a queue's history: every panel of
// the fixture's dashboards drawn with its data, checked in headless Chromium — every panel drawn,
// none empty where its query returns data, and the values in the picture equal what the server
// answers for the same queries at the same time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../src/compile/preview/unit-format.ts';
import { openPage, type LoadedPage } from './support/browser.ts';
import { tempDir } from './support/cli.ts';
import { obsgenAsync, startLivePrometheus, type LivePrometheus } from './support/live-prometheus.ts';
import { history } from './support/queue-history.ts';

const FIXTURE = 'test/fixtures/live/queue.ts';

describe('obsgen preview', () => {
  let prometheus: LivePrometheus;
  let out: string;
  let run: { status: number | null; stdout: string; stderr: string };
  let page: LoadedPage;
  /** The time the previews end at, as the page states it. */
  let end: number;

  /** What the server answers for one query at the previews' time. */
  async function instant(query: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${end}`;
    const body = (await (await fetch(url)).json()) as {
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    return body.data.result;
  }

  beforeAll(async () => {
    // Up to now: panels ask for the last minutes, as Grafana does.
    prometheus = await startLivePrometheus({ history: history(Math.floor(Date.now() / 1000 / 15) * 15) });
    out = path.join(tempDir('preview'), 'previews');
    run = await obsgenAsync(['preview', '--definitions', FIXTURE, '--prometheus', prometheus.url, '--out', out]);
    const file = path.join(out, 'queue/queue.html');
    if (existsSync(file)) {
      const stated = /ending (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(readFileSync(file, 'utf8'));
      end = stated === null ? NaN : Date.parse(stated[1]!) / 1000;
      page = await openPage(file);
    }
  }, 180_000);
  afterAll(async () => {
    await page?.close();
    await prometheus?.stop();
  });

  it('writes a page per dashboard and an index, and says what it drew', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^obsgen: wrote .*previews\/: 3 dashboards, \d+ panels, \d+ with data; read http/m);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('<a href="queue/queue.html">Queue</a></td><td>5 of 5</td>');
    expect(existsSync(path.join(out, 'queue/slo-jobs.html'))).toBe(true);
  });

  it('draws every panel in Chromium, with no error and no empty panel', async () => {
    expect(page.errors).toEqual([]);
    const panels = await page.evaluate<{ type: string; title: string; svg: number; table: number; empty: number }[]>(
      `[...document.querySelectorAll('.panel')].map((p) => ({ type: p.dataset.type, title: p.querySelector('h3').textContent, svg: p.querySelectorAll('svg').length, table: p.querySelectorAll('table').length, empty: p.querySelectorAll('.no-data, .not-drawn').length }))`,
    );
    expect(panels.map((p) => [p.type, p.title])).toEqual([
      ['timeseries', 'Queue depth'],
      ['stat', 'Jobs failing'],
      ['gauge', 'Failed share'],
      ['bargauge', 'Jobs a second by outcome'],
      ['table', 'Jobs in the last hour'],
    ]);
    for (const panel of panels) {
      expect(panel.empty, panel.title).toBe(0);
      expect(panel.svg + panel.table, panel.title).toBe(1);
    }
    // Each panel keeps its place on Grafana's grid: drawn boxes of the size its gridPos gives.
    const boxes = await page.evaluate<{ width: number; height: number }[]>(
      `[...document.querySelectorAll('.panel svg')].map((s) => ({ width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height }))`,
    );
    for (const box of boxes) expect(box.width * box.height).toBeGreaterThan(100 * 80);
  });

  it('shows the values the server returns for the same queries at the same time', async () => {
    expect(Number.isFinite(end)).toBe(true);
    const text = (title: string) =>
      page.evaluate<string>(
        `[...document.querySelectorAll('.panel')].find((p) => p.querySelector('h3').textContent === ${JSON.stringify(title)}).textContent`,
      );
    const share = await instant('sum(rate(queue_jobs_total{outcome="failed"}[5m])) / sum(rate(queue_jobs_total[5m]))');
    expect(share).toHaveLength(1);
    const shown = formatValue(Number(share[0]!.value[1]), 'percentunit');
    expect(shown).toBe('1.00%');
    expect(await text('Jobs failing')).toContain(shown);
    expect(await text('Failed share')).toContain(shown);
    const lastHour = await instant('sum by (outcome) (increase(queue_jobs_total[1h]))');
    const rows = await page.evaluate<string[][]>(
      `[...document.querySelectorAll('.panel-table tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
    );
    expect(rows.sort()).toEqual(
      lastHour.map((r) => [r.metric['outcome']!, formatValue(Number(r.value[1]), 'short')]).sort(),
    );
    // The time series' legend names the queue; its axis reaches the planted 500.
    const depth = await text('Queue depth');
    expect(depth).toContain('a');
    expect(depth).toMatch(/\b500\b|\b600\b/);
    const outcomes = await text('Jobs a second by outcome');
    expect(outcomes).toContain('ok');
    expect(outcomes).toContain('failed');
  });
});
