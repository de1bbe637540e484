import { requireCommonJs } from '../../commonjs-packages.ts';
import { html } from '../review/html-page.ts';
import type { PreviewPanel } from './dashboard-panels.ts';
import { formatValue } from './unit-format.ts';

/** One series a panel's queries returned: its legend name, labels and points (Unix seconds). */
export interface PanelSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [number, number])[];
}

/** What a panel's queries returned over the range, or why it is not drawn. */
export type PanelData =
  | { readonly kind: 'data'; readonly series: readonly PanelSeries[]; readonly start: number; readonly end: number }
  | { readonly kind: 'not-drawn'; readonly reason: string };

/** At most this many series are drawn in one panel; the rest are counted under it. */
const MAX_SERIES = 20;
const PALETTE = [
  '#7eb26d',
  '#eab839',
  '#6ed0e0',
  '#ef843c',
  '#e24d42',
  '#1f78c1',
  '#ba43a9',
  '#705da0',
  '#508642',
  '#cca300',
];

/** Grafana's named colours as CSS colours. */
const NAMED: Readonly<Record<string, string>> = {
  green: '#73bf69',
  red: '#f2495c',
  orange: '#ff9830',
  yellow: '#fade2a',
  blue: '#5794f2',
  purple: '#b877d9',
  text: '#1d2330',
};
const colour = (name: string): string => NAMED[name] ?? name;

/** The colour of a value by the panel's threshold steps (the base step below the first value). */
function thresholdColour(panel: PreviewPanel, value: number): string {
  let chosen = panel.thresholds[0]?.color ?? 'green';
  for (const step of panel.thresholds) if (step.value !== null && value >= step.value) chosen = step.color;
  return colour(chosen);
}

/** A series reduced to one value as Grafana's reduceOptions.calcs say (last non-null by default). */
function reduceSeries(points: readonly (readonly [number, number])[], reducer: string): number | undefined {
  const values = points.map(([, v]) => v).filter((v) => Number.isFinite(v));
  if (values.length === 0) return undefined;
  switch (reducer) {
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'first':
    case 'firstNotNull':
      return values[0];
    default:
      return values[values.length - 1];
  }
}

/**
 * A panel drawn with its data, as Grafana would show it, in SVG rendered on the server by Apache
 * ECharts (time series, bar charts, gauges, bar gauges, heatmaps from histogram buckets, stats with
 * their threshold colours) or as an HTML table; a panel without data says "No data", one obsgen
 * does not draw says why.
 */
export function panelFigure(panel: PreviewPanel, data: PanelData, width: number, height: number): string {
  if (panel.type === 'text') return `<div class="panel-text">${html(panel.content ?? '')}</div>`;
  if (data.kind === 'not-drawn') return `<p class="not-drawn">Not drawn: ${html(data.reason)}</p>`;
  const series = data.series.filter((s) => s.points.length > 0);
  if (series.length === 0) return '<p class="no-data">No data</p>';
  const shown = series.slice(0, MAX_SERIES);
  const more =
    series.length > shown.length ? `<p class="more">${shown.length} of ${series.length} series drawn</p>` : '';
  switch (panel.type) {
    case 'table':
      return table(panel, series);
    case 'stat':
      return render(width, height, statOption(panel, shown)) + more;
    case 'gauge':
      return render(width, height, gaugeOption(panel, shown)) + more;
    case 'bargauge':
    case 'barchart':
      return render(width, height, barOption(panel, shown)) + more;
    case 'heatmap':
      return render(width, height, heatmapOption(panel, series));
    case 'timeseries':
      return render(width, height, timeseriesOption(panel, shown, data)) + more;
    default:
      return `<p class="not-drawn">Not drawn: a ${html(panel.type)} panel</p>`;
  }
}

function render(width: number, height: number, option: object): string {
  // Loaded here, not with the bundle: only previews pay for ECharts.
  const echarts = requireCommonJs('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, useUTC: true, color: PALETTE, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const axisLabel = (panel: PreviewPanel) => ({
  fontSize: 10,
  formatter: (value: number) => formatValue(value, panel.unit, panel.decimals),
});

function timeseriesOption(panel: PreviewPanel, series: readonly PanelSeries[], data: { start: number; end: number }) {
  const legend = series.length > 1 || series[0]!.name !== '';
  return {
    grid: { left: 64, right: 12, top: 10, bottom: legend ? 44 : 24 },
    xAxis: {
      type: 'time',
      min: data.start * 1000,
      max: data.end * 1000,
      // ECharts picks each tick's level: days as dates, hours as times (a 7-day range is not all 00:00).
      axisLabel: {
        fontSize: 10,
        hideOverlap: true,
        formatter: {
          year: '{yyyy}',
          month: '{MM}-{dd}',
          day: '{MM}-{dd}',
          hour: '{HH}:{mm}',
          minute: '{HH}:{mm}',
          second: '{HH}:{mm}:{ss}',
        },
      },
    },
    yAxis: {
      type: 'value',
      ...(panel.min === undefined ? {} : { min: panel.min }),
      ...(panel.max === undefined ? {} : { max: panel.max }),
      axisLabel: axisLabel(panel),
      splitLine: { lineStyle: { color: '#e6e9ee' } },
    },
    legend: legend
      ? { bottom: 0, left: 0, type: 'plain', itemWidth: 12, itemHeight: 6, textStyle: { fontSize: 10 } }
      : { show: false },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      showSymbol: false,
      lineStyle: { width: 1.5 },
      data: s.points.map(([t, v]) => [t * 1000, v]),
    })),
  };
}

function barOption(panel: PreviewPanel, series: readonly PanelSeries[]) {
  const values = series.map((s) => reduceSeries(s.points, panel.reducer) ?? 0);
  const horizontal = panel.type === 'bargauge';
  const category = {
    type: 'category',
    data: series.map((s) => s.name),
    axisLabel: { fontSize: 10, hideOverlap: true },
  };
  const value = { type: 'value', axisLabel: axisLabel(panel), ...(panel.max === undefined ? {} : { max: panel.max }) };
  return {
    grid: { left: horizontal ? 120 : 64, right: horizontal ? 80 : 16, top: 16, bottom: 28 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        data: values.map((v) => ({ value: v, itemStyle: { color: thresholdColour(panel, v) } })),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          fontSize: 10,
          formatter: (p: { value: number }) => formatValue(p.value, panel.unit, panel.decimals),
        },
      },
    ],
  };
}

function statOption(panel: PreviewPanel, series: readonly PanelSeries[]) {
  const values = series.map((s) => reduceSeries(s.points, panel.reducer));
  const columns = Math.min(series.length, 3);
  const rows = Math.ceil(series.length / columns);
  return {
    graphic: series.map((s, index) => {
      const value = values[index];
      const left = `${((index % columns) + 0.5) * (100 / columns)}%`;
      const top = `${(Math.floor(index / columns) + 0.5) * (100 / rows)}%`;
      return {
        type: 'group',
        left,
        top,
        children: [
          {
            type: 'text',
            style: {
              text: value === undefined ? 'No data' : formatValue(value, panel.unit, panel.decimals),
              fontSize: series.length === 1 ? 34 : 20,
              fontWeight: 'bold',
              fill: value === undefined ? '#6b7280' : thresholdColour(panel, value),
              textAlign: 'center',
              textVerticalAlign: 'middle',
            },
          },
          ...(s.name === '' || series.length === 1
            ? []
            : [
                {
                  type: 'text',
                  top: 18,
                  style: { text: s.name, fontSize: 10, fill: '#6b7280', textAlign: 'center' },
                },
              ]),
        ],
      };
    }),
  };
}

function gaugeOption(panel: PreviewPanel, series: readonly PanelSeries[]) {
  const max = panel.max ?? (panel.unit === 'percentunit' ? 1 : 100);
  const min = panel.min ?? 0;
  const steps = panel.thresholds.filter((s) => s.value !== null);
  const stops: [number, string][] = [
    ...steps.map((step, index): [number, string] => [
      Math.min(1, Math.max(0, (step.value! - min) / (max - min))),
      colour(index === 0 ? (panel.thresholds[0]?.color ?? 'green') : steps[index - 1]!.color),
    ]),
    [1, colour(panel.thresholds.at(-1)?.color ?? 'green')],
  ];
  return {
    series: series.slice(0, 4).map((s, index, shown) => ({
      type: 'gauge',
      min,
      max,
      radius: `${Math.floor(80 / Math.max(1, shown.length / 2))}%`,
      center: [`${((index + 0.5) * 100) / shown.length}%`, '60%'],
      axisLine: { lineStyle: { width: 10, color: stops } },
      axisLabel: { show: false },
      splitLine: { show: false },
      axisTick: { show: false },
      pointer: { width: 4 },
      title: { show: s.name !== '', fontSize: 10, offsetCenter: [0, '70%'] },
      detail: {
        fontSize: 16,
        offsetCenter: [0, '35%'],
        formatter: (v: number) => formatValue(v, panel.unit, panel.decimals),
      },
      data: [{ value: reduceSeries(s.points, panel.reducer) ?? 0, name: s.name }],
    })),
  };
}

/** Histogram buckets (`le`) as a heatmap: each bucket's own count (the cumulative counts differenced) over time. */
function heatmapOption(panel: PreviewPanel, series: readonly PanelSeries[]) {
  const bound = (s: PanelSeries) => (s.labels['le'] === '+Inf' ? Infinity : Number(s.labels['le']));
  const buckets = [...series].filter((s) => s.labels['le'] !== undefined).sort((a, b) => bound(a) - bound(b));
  const times = [...new Set(buckets.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const at = buckets.map((s) => new Map(s.points));
  const cells: [number, number, number][] = [];
  let high = 0;
  times.forEach((t, x) =>
    buckets.forEach((_, y) => {
      const value = Math.max(0, (at[y]!.get(t) ?? 0) - (y === 0 ? 0 : (at[y - 1]!.get(t) ?? 0)));
      high = Math.max(high, value);
      cells.push([x, y, value]);
    }),
  );
  const label = (s: PanelSeries) =>
    s.labels['le'] === '+Inf' ? '+Inf' : formatValue(Number(s.labels['le']), panel.unit, panel.decimals);
  return {
    grid: { left: 64, right: 12, top: 10, bottom: 24 },
    xAxis: {
      type: 'category',
      data: times.map((t) => new Date(t * 1000).toISOString().slice(11, 16)),
      axisLabel: { fontSize: 10, hideOverlap: true },
    },
    yAxis: { type: 'category', data: buckets.map(label), axisLabel: { fontSize: 10 } },
    visualMap: { show: false, min: 0, max: high || 1, inRange: { color: ['#fff3e0', '#ff9830', '#b3261e'] } },
    series: [{ type: 'heatmap', data: cells }],
  };
}

function table(panel: PreviewPanel, series: readonly PanelSeries[]): string {
  const columns = [...new Set(series.flatMap((s) => Object.keys(s.labels)))].filter((c) => c !== '__name__').sort();
  const rows = series.map((s) => {
    const value = reduceSeries(s.points, panel.reducer);
    return `<tr>${columns.map((c) => `<td>${html(s.labels[c] ?? '')}</td>`).join('')}<td class="value">${value === undefined ? '' : html(formatValue(value, panel.unit, panel.decimals))}</td></tr>`;
  });
  return `<table class="panel-table"><thead><tr>${columns.map((c) => `<th>${html(c)}</th>`).join('')}<th>Value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
