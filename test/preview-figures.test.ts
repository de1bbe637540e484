// Panels drawn with data on the server (Apache ECharts' SVG renderer): what each kind shows for
// given series. test/preview.test.ts draws them from a live Prometheus and checks them in Chromium.
import { describe, expect, it } from 'vitest';
import { previewDashboard, type PreviewPanel } from '../src/compile/preview/dashboard-panels.ts';
import { panelFigure, type PanelSeries } from '../src/compile/preview/panel-figure.ts';
import { formatValue } from '../src/compile/preview/unit-format.ts';
import { PanelQueryBudget, panelData } from '../src/cli/prometheus/panel-queries.ts';

const panel = (type: string, extra: Partial<PreviewPanel> = {}): PreviewPanel => ({
  id: 1,
  type,
  title: type,
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  datasource: 'prometheus',
  targets: [{ refId: 'A', expr: 'x', legendFormat: undefined, instant: false }],
  unit: undefined,
  decimals: undefined,
  min: undefined,
  max: undefined,
  thresholds: [],
  reducer: 'lastNotNull',
  content: undefined,
  ...extra,
});
const range = { start: 0, end: 3600 };
const series = (name: string, labels: Record<string, string>, values: readonly number[]): PanelSeries => ({
  name,
  labels,
  points: values.map((v, i) => [i * 600, v] as const),
});
const data = (...list: PanelSeries[]) => ({ kind: 'data' as const, series: list, ...range });

describe('panelFigure', () => {
  it('a heatmap from histogram buckets: each bucket its own count (cumulative counts differenced), a cell per time and bucket', () => {
    const svg = panelFigure(
      panel('heatmap', { unit: 's' }),
      data(
        series('', { le: '+Inf' }, [10, 10, 10]),
        series('', { le: '0.5' }, [6, 6, 6]),
        series('', { le: '0.1' }, [1, 1, 1]),
      ),
      600,
      240,
    );
    expect(svg.startsWith('<svg')).toBe(true);
    // Bucket labels in order, by the panel's unit.
    expect(svg.indexOf('100 ms')).toBeLessThan(svg.indexOf('500 ms'));
    expect(svg).toContain('+Inf');
    // 3 times × 3 buckets; the 0.5 bucket holds the most (6 − 1 = 5), drawn in the darkest colour.
    const cells = [...svg.matchAll(/fill="([^"]+)" ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g)];
    expect(cells).toHaveLength(9);
    expect(cells.filter(([, fill]) => fill === 'rgb(179,38,30)').map(([, , index]) => Number(index) % 3)).toEqual([
      1, 1, 1,
    ]);
  });

  it('a stat takes its value colour from the thresholds and its text from the unit', () => {
    const steps = [
      { value: null, color: 'green' },
      { value: 0.05, color: 'red' },
    ];
    const low = panelFigure(
      panel('stat', { unit: 'percentunit', thresholds: steps }),
      data(series('', {}, [0.01])),
      300,
      160,
    );
    const high = panelFigure(
      panel('stat', { unit: 'percentunit', thresholds: steps }),
      data(series('', {}, [0.2])),
      300,
      160,
    );
    expect(low).toContain('1.00%');
    expect(low).toContain('#73bf69');
    expect(high).toContain('20.0%');
    expect(high).toContain('#f2495c');
  });

  it('draws at most 20 series and says how many it left out', () => {
    const many = Array.from({ length: 25 }, (_, i) => series(`s${i}`, { i: String(i) }, [i, i + 1]));
    const figure = panelFigure(panel('timeseries'), data(...many), 600, 240);
    expect(figure).toContain('<p class="more">20 of 25 series drawn</p>');
    expect(figure).toContain('s19');
    expect(figure).not.toContain('s24');
  });

  it('a table lists each series with its labels and value; no data and other sources are said', () => {
    const figure = panelFigure(
      panel('table', { unit: 'short' }),
      data(series('', { outcome: 'ok' }, [23_800]), series('', { outcome: 'failed' }, [240])),
      600,
      240,
    );
    expect(figure).toContain('<td>ok</td><td class="value">23.8 K</td>');
    expect(figure).toContain('<td>failed</td><td class="value">240</td>');
    expect(panelFigure(panel('timeseries'), data(), 600, 240)).toBe('<p class="no-data">No data</p>');
    expect(panelFigure(panel('logs'), { kind: 'not-drawn', reason: 'it reads loki, not Prometheus' }, 600, 240)).toBe(
      '<p class="not-drawn">Not drawn: it reads loki, not Prometheus</p>',
    );
  });

  it('formats values as Grafana does for common units', () => {
    expect([
      formatValue(0.052, 'percentunit'),
      formatValue(0.25, 's'),
      formatValue(2048, 'bytes'),
      formatValue(3, 'reqps'),
      formatValue(23_800, 'short'),
      formatValue(7, undefined),
    ]).toEqual(['5.20%', '250 ms', '2.00 KiB', '3.00 req/s', '23.8 K', '7']);
  });
});

describe('panelData', () => {
  it('a panel of another data source is not drawn, and says which, without asking the server (CloudWatch targets carry no PromQL)', async () => {
    const reading = { client: { api: () => Promise.reject(new Error('no query expected')) } } as never;
    const cloudwatch = panel('timeseries', { datasource: 'cloudwatch', targets: [] });
    expect(await panelData(reading, cloudwatch, range, 15, new PanelQueryBudget(10), (q) => q)).toEqual({
      kind: 'not-drawn',
      reason: 'it reads cloudwatch, not Prometheus',
    });
  });
});

describe('previewDashboard', () => {
  it('reads the generated JSON: the default range, panels of collapsed rows, targets, unit and thresholds', () => {
    const dashboard = previewDashboard({
      uid: 'shop-overview',
      title: 'Shop',
      time: { from: 'now-7d', to: 'now' },
      panels: [
        { type: 'row', title: 'Open', gridPos: { x: 0, y: 0, w: 24, h: 1 } },
        {
          type: 'stat',
          title: 'Errors',
          gridPos: { x: 0, y: 1, w: 6, h: 4 },
          datasource: { type: 'prometheus', uid: '${datasource}' },
          fieldConfig: { defaults: { unit: 'percentunit', thresholds: { steps: [{ value: null, color: 'green' }] } } },
          targets: [{ refId: 'A', expr: 'sum(x)', instant: true }],
        },
        {
          type: 'row',
          title: 'Closed',
          collapsed: true,
          gridPos: { x: 0, y: 5, w: 24, h: 1 },
          panels: [
            { type: 'timeseries', title: 'Inside', gridPos: { x: 0, y: 6, w: 12, h: 8 }, targets: [{ expr: 'y' }] },
          ],
        },
      ],
    });
    expect(dashboard.rangeSeconds).toBe(7 * 86_400);
    expect(dashboard.panels.map((p) => [p.type, p.title, p.unit, p.targets.map((t) => [t.expr, t.instant])])).toEqual([
      ['stat', 'Errors', 'percentunit', [['sum(x)', true]]],
      ['timeseries', 'Inside', undefined, [['y', false]]],
    ]);
    expect(dashboard.panels[0]!.thresholds).toEqual([{ value: null, color: 'green' }]);
  });
});
