// The review pages (generated/reports/index.html and one page per system) in a real headless
// Chromium: they load with no console error and no network request, and render the series charts,
// SLOs, alerts and every dashboard's sketch.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import definitions from '../definitions/index.ts';
import { openPage, type LoadedPage } from './support/browser.ts';
import { tempDir } from './support/cli.ts';

describe('reports/index.html and reports/systems/*.html in headless Chromium', () => {
  const compiled = compileProject(definitions);
  const review = compiled.review;
  let out: string;
  let page: LoadedPage;

  beforeAll(async () => {
    out = tempDir('review-page');
    for (const file of compiled.files) {
      mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
      writeFileSync(path.join(out, file.path), file.content);
    }
    page = await openPage(path.join(out, 'reports/index.html'));
  }, 60_000);

  afterAll(async () => page?.close());

  it('the index loads without a console error or a network request, and a screenshot is taken', () => {
    expect(page.errors).toEqual([]);
    expect(statSync(page.screenshot).size).toBeGreaterThan(10_000);
  });

  it('the index charts every system against its budget and links a page per system, each of which exists', async () => {
    const seen = await page.evaluate<{ bars: number; links: string[]; counts: string[][] }>(`({
      bars: document.querySelectorAll('#series svg rect.bar').length,
      links: [...document.querySelectorAll('#systems tbody tr a')].map((a) => a.getAttribute('href')),
      counts: [...document.querySelectorAll('#systems tbody tr')].map((tr) => [...tr.cells].slice(2, 5).map((td) => td.textContent)),
    })`);
    expect(seen.bars).toBe(review.systems.length);
    expect(seen.links).toEqual(review.systems.map((s) => `systems/${s.name}.html`));
    expect(seen.counts).toEqual(
      review.systems.map((s) => [String(s.slos.length), String(s.alerts.length), String(s.dashboards.length)]),
    );
    for (const link of seen.links) expect(statSync(path.join(out, 'reports', link)).size).toBeGreaterThan(1_000);
  });

  it('each system page renders its series chart, SLOs, alerts with receivers and runbooks, and every dashboard sketch', async () => {
    for (const system of review.systems) {
      const systemPage = await openPage(path.join(out, `reports/systems/${system.name}.html`));
      try {
        expect(systemPage.errors, system.name).toEqual([]);
        const seen = await systemPage.evaluate<{
          charts: string[];
          slos: number;
          alerts: number;
          receivers: string[];
          runbooks: string[];
          sketches: number;
        }>(`({
          charts: [...document.querySelectorAll('figure.series-chart')].map((f) => f.getAttribute('data-system')),
          slos: document.querySelectorAll('#slos tbody tr').length,
          alerts: document.querySelectorAll('#alerts tbody tr').length,
          receivers: [...document.querySelectorAll('#alerts tbody tr td:nth-child(6)')].map((td) => td.textContent),
          runbooks: [...document.querySelectorAll('#alerts tbody tr a')].map((a) => a.getAttribute('href')),
          sketches: document.querySelectorAll('#dashboards figure.sketch svg').length,
        })`);
        expect(seen.charts).toEqual([system.name]);
        expect(seen.slos).toBe(system.slos.length);
        expect(seen.alerts).toBe(system.alerts.length);
        if (definitions.alertmanager !== undefined)
          expect(seen.receivers.filter((r) => r === '' || r === 'no Alertmanager')).toEqual([]);
        // Runbook links resolve to the generated runbooks from reports/systems/.
        for (const href of seen.runbooks)
          expect(statSync(path.join(out, 'reports/systems', href)).isFile(), href).toBe(true);
        expect(seen.sketches).toBe(system.dashboards.length);
      } finally {
        await systemPage.close();
      }
    }
  }, 120_000);

  it('filters table rows as the reader types', async () => {
    const visible = await page.evaluate<number>(`(() => {
      const input = document.getElementById('filter');
      input.value = 'zzz-matches-nothing';
      input.dispatchEvent(new Event('input'));
      return [...document.querySelectorAll('#systems tbody tr')].filter((row) => !row.hidden).length;
    })()`);
    expect(visible).toBe(0);
  });
});
