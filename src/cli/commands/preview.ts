import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { previewDashboard } from '../../compile/preview/dashboard-panels.ts';
import { panelFigure } from '../../compile/preview/panel-figure.ts';
import { figureSize, previewIndex, previewPage, type PreviewSource } from '../../compile/preview/preview-page.ts';
import { hasErrors } from '../../finding.ts';
import { compileProject } from '../../pipeline/build-project.ts';
import type { CommonOptions } from '../common-options.ts';
import { loadDefinitions, thrownByDefinitions } from '../load-definitions.ts';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { inlineRecordings } from '../../promql/inline-recordings.ts';
import { tryParsePromql } from '../../promql/parse.ts';
import { renderPromql } from '../../promql/render.ts';
import { heldRecordings, MAX_EVALUATIONS, recordingSources } from '../prometheus/alert-backtest.ts';
import { admittedSystems, tallyText, withLiveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { PanelQueryBudget, panelData, type ComputedRecordings } from '../prometheus/panel-queries.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';
import { SYNTHETIC_STEP_SECONDS } from '../prometheus/synthetic-prometheus.ts';

/** A run asks at most this many queries (one per panel target). */
const MAX_QUERIES = 2_000;

/**
 * `obsgen preview --prometheus <url> [--out previews] [--system <name>]`: every panel of every
 * dashboard the build generates, drawn with the data its queries return over the dashboard's
 * default range, one page per dashboard and an index. The pages replace the output directory whole.
 */
export async function previewCommand(options: CommonOptions): Promise<number> {
  return withLiveReading(
    options.live,
    'preview',
    async (reading) => {
      const project = await loadDefinitions(options.definitions);
      let built;
      try {
        built = compileProject(project);
      } catch (error) {
        throw thrownByDefinitions(error) ?? error;
      }
      if (hasErrors(built.findings))
        process.stderr.write('obsgen: the definitions have errors (obsgen check lists them); drawing what compiled\n');
      const systems = project.systems.filter((s) => options.system === undefined || s.name === options.system);
      if (systems.length === 0)
        throw new PrometheusError(`no system named ${options.system} in ${options.definitions}`);
      const source: PreviewSource = { source: reading.source, end: reading.time, synthetic: reading.synthetic };
      const admitted = new Map(admittedSystems(systems).map((system) => [system.name, system]));
      const budget = new PanelQueryBudget(MAX_QUERIES);
      const pages: { file: string; content: string }[] = [];
      const index: Parameters<typeof previewIndex>[0][number][] = [];
      let panels = 0;
      let withData = 0;
      for (const system of systems) {
        const scraped = Number.isFinite(system.catalog.scrapeIntervalSeconds)
          ? system.catalog.scrapeIntervalSeconds
          : 15;
        // Synthetic samples are a minute apart: $__rate_interval must span them.
        const scrape = reading.synthetic ? Math.max(scraped, SYNTHETIC_STEP_SECONDS) : scraped;
        const dashboards = built.files.flatMap((file) => {
          const match = /^grafana\/([^/]+)\/([^/]+)\.json$/.exec(file.path);
          return match === null || match[1] !== system.name
            ? []
            : [{ name: match[2]!, dashboard: previewDashboard(JSON.parse(file.content) as unknown) }];
        });
        const computed = await recordingsComputer(
          reading,
          admitted.get(system.name)!,
          dashboards.flatMap(({ dashboard }) => dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr))),
          reading.time - Math.max(...dashboards.map(({ dashboard }) => dashboard.rangeSeconds), 0),
        );
        for (const { name: fileName, dashboard } of dashboards) {
          const range = { start: reading.time - dashboard.rangeSeconds, end: reading.time };
          const figures = [];
          let drawn = 0;
          for (const panel of dashboard.panels) {
            const data = await panelData(reading, panel, range, scrape, budget, computed);
            if (data.kind === 'data' && data.series.some((s) => s.points.length > 0)) drawn++;
            const { width, height } = figureSize(panel);
            figures.push({ panel, figure: panelFigure(panel, data, width, height) });
          }
          const name = `${safeName(system.name)}/${safeName(fileName)}.html`;
          pages.push({ file: name, content: previewPage(system.name, dashboard, figures, source) });
          index.push({
            system: system.name,
            title: dashboard.title,
            file: name,
            panels: figures.length,
            withData: drawn,
          });
          panels += figures.length;
          withData += drawn;
        }
      }
      pages.push({ file: 'index.html', content: previewIndex(index, source) });
      writePages(options.out, pages);
      process.stderr.write(
        `obsgen: wrote ${options.out}/: ${index.length} dashboards, ${panels} panels, ${withData} with data; read ${reading.source}: ${tallyText(reading)}\n`,
      );
      return 0;
    },
    // No --prometheus: a day of synthetic history (a 7-day SLO dashboard shows its last day).
    async () => {
      const project = await loadDefinitions(options.definitions);
      const written = project.systems.filter((s) => options.system === undefined || s.name === options.system);
      return { systems: admittedSystems(written), rangeSeconds: 86_400 };
    },
  );
}

/**
 * Panel queries reading recordings the server does not hold (from the range's start) get them
 * computed from raw series, as the backtest does; a query Grafana's variables leave unparsable is
 * sent as it is.
 */
async function recordingsComputer(
  reading: LiveReading,
  system: ValidSystem,
  queries: readonly string[],
  start: number,
): Promise<ComputedRecordings> {
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
        refused: `computing ${inlined.inlined.join(', ')} from raw series takes ${evaluations.toLocaleString('en-US')} evaluations (more than ${MAX_EVALUATIONS.toLocaleString('en-US')}): load the rules on the server`,
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

/** A system name or uid as one safe path segment (definitions are untrusted input). */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? '_' : safe;
}

/** The pages written beside the output directory, then swapped in whole: no stale page stays. */
function writePages(out: string, pages: readonly { file: string; content: string }[]): void {
  const target = path.resolve(out);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const page of pages) {
    const file = path.join(staging, page.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, page.content);
  }
  const old = `${target}.old-${process.pid}`;
  try {
    renameSync(target, old);
  } catch {
    // No earlier previews.
  }
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
