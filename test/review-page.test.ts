// The review page (generated/reports/index.html) in a real headless Chromium: it loads with no
// console error and no network request, and renders the series charts, SLOs, alerts and every
// dashboard's sketch.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import definitions from '../definitions/index.ts';
import { openPage, type LoadedPage } from './support/browser.ts';
import { tempDir } from './support/cli.ts';

describe('reports/index.html in headless Chromium', () => {
  const compiled = compileProject(definitions);
  let page: LoadedPage;

  beforeAll(async () => {
    const out = tempDir('review-page');
    for (const file of compiled.files) {
      mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
      writeFileSync(path.join(out, file.path), file.content);
    }
    page = await openPage(path.join(out, 'reports/index.html'));
  }, 60_000);

  afterAll(async () => page?.close());

  it('loads without a console error or a network request, and a screenshot is taken', () => {
    expect(page.errors).toEqual([]);
    expect(statSync(page.screenshot).size).toBeGreaterThan(10_000);
  });

  it('renders a series chart per system, the SLOs, the alerts with their receivers, and every dashboard sketch', async () => {
    const seen = await page.evaluate<{
      charts: string[];
      bars: number;
      slos: number;
      alerts: number;
      receivers: string[];
      sketches: number;
      sketchHeight: number;
    }>(`({
      charts: [...document.querySelectorAll('figure.series-chart')].map((f) => f.getAttribute('data-system')),
      bars: document.querySelectorAll('#series svg rect.bar').length,
      slos: document.querySelectorAll('#slos tbody tr').length,
      alerts: document.querySelectorAll('#alerts tbody tr').length,
      receivers: [...document.querySelectorAll('#alerts tbody tr td:nth-child(7)')].map((td) => td.textContent),
      sketches: document.querySelectorAll('#dashboards figure.sketch svg').length,
      sketchHeight: document.querySelector('#dashboards figure.sketch svg')?.getBoundingClientRect().height ?? 0,
    })`);
    const review = compiled.review;
    expect(seen.charts).toEqual(review.systems.map((s) => s.name));
    expect(seen.bars).toBeGreaterThan(review.systems.length);
    expect(seen.slos).toBe(review.systems.reduce((n, s) => n + s.slos.length, 0));
    expect(seen.alerts).toBe(review.systems.reduce((n, s) => n + s.alerts.length, 0));
    if (definitions.alertmanager !== undefined)
      expect(seen.receivers.filter((r) => r === '' || r === 'no Alertmanager')).toEqual([]);
    expect(seen.sketches).toBe(review.systems.reduce((n, s) => n + s.dashboards.length, 0));
    expect(seen.sketchHeight).toBeGreaterThan(50);
  });

  it('filters table rows as the reader types', async () => {
    const visible = await page.evaluate<number>(`(() => {
      const input = document.getElementById('filter');
      input.value = 'zzz-matches-nothing';
      input.dispatchEvent(new Event('input'));
      return [...document.querySelectorAll('#alerts tbody tr')].filter((row) => !row.hidden).length;
    })()`);
    expect(visible).toBe(0);
  });
});
