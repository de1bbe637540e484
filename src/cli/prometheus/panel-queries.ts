import type { PreviewPanel } from '../../compile/preview/dashboard-panels.ts';
import type { PanelData, PanelSeries } from '../../compile/preview/panel-figure.ts';
import type { LiveReading } from './live-reading.ts';
import { PrometheusError } from './prometheus-client.ts';

/** Points a panel's range query asks for: Grafana asks about one per pixel column; a picture needs fewer. */
const POINTS = 240;

/** Queries shared by every panel of a run, so a preview cannot overload the server. */
export class PanelQueryBudget {
  queries = 0;
  constructor(readonly limit: number) {}
}

/**
 * What Grafana would ask the server for one panel over the dashboard's default range: each
 * target's query with Grafana's variables filled in ($__rate_interval from the step and the scrape
 * interval, $__interval, $__range; a dashboard variable as All), as a range query — or an instant
 * query at the end for instant targets and tables.
 */
export async function panelData(
  reading: LiveReading,
  panel: PreviewPanel,
  range: { readonly start: number; readonly end: number },
  scrapeSeconds: number,
  budget: PanelQueryBudget,
  computed: ComputedRecordings,
): Promise<PanelData> {
  // Before the targets: a CloudWatch panel's targets carry no PromQL, and it is not "No data".
  if (panel.datasource !== undefined && panel.datasource !== 'prometheus')
    return { kind: 'not-drawn', reason: `it reads ${panel.datasource}, not Prometheus` };
  if (panel.targets.length === 0) return { kind: 'data', series: [], ...range };
  const step = Math.max(scrapeSeconds, Math.ceil((range.end - range.start) / POINTS));
  const rateInterval = Math.max(step + scrapeSeconds, 4 * scrapeSeconds);
  const series: PanelSeries[] = [];
  for (const target of panel.targets) {
    budget.queries++;
    if (budget.queries > budget.limit)
      throw new PrometheusError(
        `preview stops at ${budget.limit} queries, so it cannot overload the server; narrow it with --system`,
      );
    const written = withVariables(target.expr, {
      rateInterval,
      interval: step,
      range: range.end - range.start,
    });
    const instant = target.instant || panel.type === 'table';
    const points = instant ? 1 : Math.floor((range.end - range.start) / step) + 1;
    const expr = computed(written, points);
    if (typeof expr !== 'string') return { kind: 'not-drawn', reason: expr.refused };
    const result = instant
      ? (
          await reading.client.api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>('query', [
            ['query', expr],
            ['time', String(range.end)],
          ])
        ).result.map((item) => ({
          metric: item.metric,
          values: [[item.value[0], Number(item.value[1])] as [number, number]],
        }))
      : await reading.client.matrix(expr, { ...range, step });
    for (const item of result)
      series.push({
        name: legend(target.legendFormat, item.metric, panel.targets.length > 1 ? target.refId : undefined),
        labels: item.metric,
        points: item.values.filter(([, v]) => !Number.isNaN(v)),
      });
  }
  return { kind: 'data', series, ...range };
}

/**
 * A panel query with the recordings the server does not hold computed from raw series, or why
 * it cannot be (a matcher that is no list of values, too many evaluations for `points` points).
 */
export type ComputedRecordings = (query: string, points: number) => string | { readonly refused: string };

/** Grafana's built-in variables, and the dashboard's own as All (`.*`). */
function withVariables(expr: string, values: { rateInterval: number; interval: number; range: number }): string {
  return expr
    .replace(/\$\{?__rate_interval\}?/g, `${values.rateInterval}s`)
    .replace(/\$\{?__interval\}?/g, `${values.interval}s`)
    .replace(/\$\{?__range\}?/g, `${values.range}s`)
    .replace(/\[\[[A-Za-z_]\w*\]\]|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*/g, '.*');
}

/** A series' legend: the target's legendFormat with {{label}} filled in, or its labels. */
function legend(
  format: string | undefined,
  labels: Readonly<Record<string, string>>,
  refId: string | undefined,
): string {
  if (format !== undefined && format !== '' && format !== '__auto')
    return format.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  const shown = Object.entries(labels).filter(([name]) => name !== '__name__');
  if (shown.length === 0) return refId ?? '';
  return `{${shown.map(([name, value]) => `${name}="${value}"`).join(', ')}}`;
}
