import type { PreviewDashboard, PreviewPanel } from '../../compile/preview/dashboard-panels.ts';
import { panelFigure } from '../../compile/preview/panel-figure.ts';
import { figureSize } from '../../compile/preview/preview-page.ts';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import type { System } from '../../model/system.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { inlineRecordings } from '../../promql/inline-recordings.ts';
import { tryParsePromql } from '../../promql/parse.ts';
import { renderPromql } from '../../promql/render.ts';
import { heldRecordings, MAX_EVALUATIONS, recordingSources } from './alert-backtest.ts';
import type { LiveReading } from './live-reading.ts';
import { panelData, type ComputedRecordings, type PanelQueryBudget } from './panel-queries.ts';
import { SYNTHETIC_STEP_SECONDS } from './synthetic-prometheus.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** Each panel of a dashboard drawn with its data over the dashboard's range, and how many had data. */
export async function drawDashboard(
  reading: LiveReading,
  system: System,
  dashboard: PreviewDashboard,
  budget: PanelQueryBudget,
  computed: ComputedRecordings,
): Promise<{ figures: { panel: PreviewPanel; figure: string }[]; withData: number }> {
  const scraped = Number.isFinite(system.catalog.scrapeIntervalSeconds) ? system.catalog.scrapeIntervalSeconds : 15;
  // Synthetic samples are a minute apart: $__rate_interval must span them.
  const scrape = reading.synthetic ? Math.max(scraped, SYNTHETIC_STEP_SECONDS) : scraped;
  const range = { start: reading.time - dashboard.rangeSeconds, end: reading.time };
  const figures = [];
  let withData = 0;
  for (const panel of dashboard.panels) {
    const data = await panelData(reading, panel, range, scrape, budget, computed);
    if (data.kind === 'data' && data.series.some((s) => s.points.length > 0)) withData++;
    const { width, height } = figureSize(panel);
    figures.push({ panel, figure: panelFigure(panel, data, width, height) });
  }
  return { figures, withData };
}

/**
 * Panel queries reading recordings the server does not hold (from the range's start) get them
 * computed from raw series, as the backtest does; a query Grafana's variables leave unparsable is
 * sent as it is.
 */
export async function recordingsComputer(
  reading: LiveReading,
  system: ValidSystem,
  dashboards: readonly PreviewDashboard[],
): Promise<ComputedRecordings> {
  const queries = dashboards.flatMap((dashboard) =>
    dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr)),
  );
  const start = reading.time - Math.max(0, ...dashboards.map((dashboard) => dashboard.rangeSeconds));
  const recordings = recordingSources(expandSlos(system).system.ruleGroups);
  const parsed = (query: string) => tryParsePromql(withoutVariables(query));
  const held = await heldRecordings(
    reading,
    recordings,
    queries.flatMap((query) => parsed(query) ?? []),
    start,
    () => false,
  );
  return (query, points) => {
    const ast = tryParsePromql(query);
    if (ast === undefined) return query;
    const inlined = inlineRecordings(ast, recordings, (name) => !held.has(name));
    if ('refused' in inlined)
      return { refused: `it reads a recording it must compute from raw series, and ${inlined.refused}` };
    if (inlined.inlined.length === 0) return query;
    const evaluations = points * (1 + inlined.innerEvaluations);
    if (evaluations > MAX_EVALUATIONS)
      return {
        refused: `computing ${inlined.inlined.join(', ')} from raw series takes ${groupedNumber(evaluations)} evaluations (more than ${groupedNumber(MAX_EVALUATIONS)}): load the rules on the server`,
      };
    return renderPromql(inlined.expr);
  };
}

/** A panel query with Grafana's variables as something PromQL parses, to find what it reads. */
function withoutVariables(query: string): string {
  return query
    .replace(/\$\{?__(rate_interval|interval|range)\}?/g, '5m')
    .replace(/\[\[[A-Za-z_]\w*\]\]|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*/g, '.*');
}
