import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileProjectInto } from '../../pipeline/build-project.ts';
import { diffHtml } from '../../compile/review/diff-html.ts';
import { diffMarkdown } from '../../compile/review/diff-markdown.ts';
import { failedConditions, parseFailConditions } from '../../compile/review/fail-conditions.ts';
import { diffReviews, type ReviewDiff } from '../../compile/review/review-diff.ts';
import type { DiffBacktest } from '../../live/backtest-results.ts';
import { parseDuration } from '../../model/duration.ts';
import type { System } from '../../model/system.ts';
import type { Alertmanager } from '../../model/alertmanager/alertmanager.ts';
import { diffBacktest } from '../prometheus/diff-backtest.ts';
import { admittedSystems, tallyText, withLiveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { drawDashboard, recordingsComputer } from '../prometheus/dashboard-drawing.ts';
import { PanelQueryBudget } from '../prometheus/panel-queries.ts';
import { previewDashboard } from '../../compile/preview/dashboard-panels.ts';
import { previewBoard } from '../../compile/preview/preview-page.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';
import { SYNTHETIC_MAX_RANGE_SECONDS } from '../prometheus/synthetic-prometheus.ts';
import type { ReviewModel } from '../../compile/review/review-model.ts';
import { BaseTreeError, withBaseTree } from '../base-tree.ts';
import type { CommonOptions } from '../common-options.ts';
import { DefinitionsLoadError, loadDefinitions, thrownByDefinitions } from '../load-definitions.ts';

/**
 * `obsgen diff`: builds the base ref's definitions (a temporary git worktree) and the working
 * tree's, both in memory, and prints what changed between their review models — alerts, series,
 * SLOs, dashboards, collectors, CloudWatch — as a PR comment (markdown), json or an html page.
 * With `--prometheus`, every changed alert is also backtested over `--range` on that server, as
 * the base and as the change define it.
 * Exit 1 when a `--fail-on` condition holds, 2 on a usage, git or load error.
 */
export async function diffCommand(options: CommonOptions): Promise<number> {
  const parsed = parseFailConditions(options.failOn ?? '');
  if ('error' in parsed) {
    process.stderr.write(`obsgen: ${parsed.error}\n`);
    return 2;
  }
  let head: Reviewed;
  let base: Reviewed;
  try {
    head = await review(options.definitions);
    base = await withBaseTree(options.base ?? 'HEAD', async (tree, repository) => {
      const definitions = path.join(tree, path.relative(repository, path.resolve(options.definitions)));
      // Definitions that did not exist at the base: everything is new.
      return existsSync(definitions)
        ? review(definitions)
        : { model: { systems: [], series: 0 }, systems: [], alertmanager: undefined, dashboards: new Map() };
    });
  } catch (error) {
    if (error instanceof BaseTreeError) {
      process.stderr.write(`obsgen: diff needs the base from git: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof DefinitionsLoadError)) throw error;
    process.stderr.write(
      `${error.at.file}:${error.at.line}  error  definitions/load\n  ${error.message}\n  hint: ${error.hint}\n`,
    );
    return 2;
  }
  let diff: ReviewDiff = diffReviews(base.model, head.model);
  let withData: Map<string, { before: string | undefined; after: string | undefined }> | undefined;
  if (options.live.prometheus !== undefined || options.live.synthetic) {
    // Evidence from the live server (or synthetic history): each changed alert backtested as the base and as the change define it.
    let backtest: DiffBacktest | undefined;
    const requested = parseDuration(options.live.range ?? '7d');
    const valid = () => {
      if (requested === undefined || requested <= 0)
        throw new PrometheusError(`--range takes a duration such as 7d or 24h, not "${options.live.range}"`);
      return requested;
    };
    const code = await withLiveReading(
      options.live,
      'diff',
      async (reading) => {
        const rangeSeconds = reading.synthetic ? Math.min(valid(), SYNTHETIC_MAX_RANGE_SECONDS) : valid();
        backtest = await diffBacktest(
          reading,
          { systems: admittedSystems(base.systems, 'base: '), alertmanager: base.alertmanager },
          { systems: admittedSystems(head.systems), alertmanager: head.alertmanager },
          diff.alerts,
          rangeSeconds,
          diff.slos,
        );
        if (options.diffFormat === 'html') withData = await dashboardsWithData(reading, diff, base, head);
        process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
        return 0;
      },
      // --synthetic: history of both trees' catalogs (a change's new metrics included).
      async () => ({
        systems: admittedSystems(
          [...head.systems, ...base.systems.filter((b) => !head.systems.some((h) => h.name === b.name))],
          'synthetic: ',
        ),
        rangeSeconds: valid(),
      }),
    );
    if (code !== 0) return code;
    diff = { ...diff, backtest };
  }
  process.stdout.write(
    options.diffFormat === 'json'
      ? `${JSON.stringify(diff, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`
      : options.diffFormat === 'html'
        ? diffHtml(diff, withData)
        : diffMarkdown(diff),
  );
  const failed = failedConditions(parsed.conditions, diff, head.model);
  for (const line of failed) process.stderr.write(`obsgen diff: fails on ${line}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** A tree's review model, its systems as written (what a backtest admits and reads), and its dashboards' JSON by `system/name`. */
interface Reviewed {
  readonly model: ReviewModel;
  readonly systems: readonly System[];
  readonly alertmanager: Alertmanager | undefined;
  readonly dashboards: ReadonlyMap<string, string>;
}

async function review(file: string): Promise<Reviewed> {
  const project = await loadDefinitions(file);
  const dashboards = new Map<string, string>();
  try {
    const model = compileProjectInto(project, (files) => {
      for (const file of files) {
        const match = /^grafana\/([^/]+)\/([^/]+)\.json$/.exec(file.path);
        if (match !== null && match[1] !== 'provisioning') dashboards.set(`${match[1]}/${match[2]}`, file.content);
      }
    }).review;
    return { model, systems: project.systems, alertmanager: project.alertmanager, dashboards };
  } catch (error) {
    throw thrownByDefinitions(error) ?? error;
  }
}

/** Dashboards read at most this many queries a diff (one per panel target, both sides). */
const MAX_PANEL_QUERIES = 2_000;

/** Each changed dashboard's panels drawn with data, as the base and as the change define them. */
async function dashboardsWithData(
  reading: LiveReading,
  diff: ReviewDiff,
  base: Reviewed,
  head: Reviewed,
): Promise<Map<string, { before: string | undefined; after: string | undefined }>> {
  const budget = new PanelQueryBudget(MAX_PANEL_QUERIES);
  const drawn = new Map<string, { before: string | undefined; after: string | undefined }>();
  const side = async (tree: Reviewed, key: string): Promise<string | undefined> => {
    const json = tree.dashboards.get(key);
    const system = tree.systems.find((s) => s.name === key.split('/')[0]);
    if (json === undefined || system === undefined) return undefined;
    const dashboard = previewDashboard(JSON.parse(json) as unknown);
    const [valid] = admittedSystems([system]);
    const computed = await recordingsComputer(reading, valid!, [dashboard]);
    return previewBoard((await drawDashboard(reading, system, dashboard, budget, computed)).figures);
  };
  for (const change of diff.dashboards)
    drawn.set(change.key, { before: await side(base, change.key), after: await side(head, change.key) });
  return drawn;
}
