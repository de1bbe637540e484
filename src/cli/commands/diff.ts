import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileProjectInto } from '../../pipeline/build-project.ts';
import { diffHtml } from '../../compile/review/diff-html.ts';
import { diffMarkdown } from '../../compile/review/diff-markdown.ts';
import { failedConditions, parseFailConditions } from '../../compile/review/fail-conditions.ts';
import { diffReviews, type ReviewDiff } from '../../compile/review/review-diff.ts';
import type { DiffBacktest } from '../../live/backtest-results.ts';
import type { System } from '../../model/system.ts';
import type { Alertmanager } from '../../model/alertmanager/alertmanager.ts';
import { diffBacktest } from '../prometheus/diff-backtest.ts';
import {
  admittedSystems,
  rangeSeconds,
  tallyText,
  withLiveReading,
  type LiveReading,
} from '../prometheus/live-reading.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { drawDashboard, recordingsComputer } from '../prometheus/dashboard-drawing.ts';
import { PanelQueryBudget } from '../prometheus/panel-queries.ts';
import { dashboardFileKey, previewDashboard } from '../../compile/preview/dashboard-panels.ts';
import { previewBoard } from '../../compile/preview/preview-page.ts';
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
    const code = await withLiveReading(
      options.live,
      'diff',
      async (reading, { requested, admittedBase, admittedHead }) => {
        const range = reading.synthetic ? Math.min(requested, SYNTHETIC_MAX_RANGE_SECONDS) : requested;
        backtest = await diffBacktest(
          reading,
          { systems: admittedBase, alertmanager: base.alertmanager },
          { systems: admittedHead, alertmanager: head.alertmanager },
          diff.alerts,
          range,
          diff.slos,
        );
        if (options.diffFormat === 'html')
          withData = await dashboardsWithData(
            reading,
            diff,
            { ...base, admitted: admittedBase },
            { ...head, admitted: admittedHead },
          );
        process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
        return 0;
      },
      {
        // Each tree admitted once: what the validation stage leaves out is said once per tree.
        load: () =>
          Promise.resolve({
            requested: rangeSeconds(options.live),
            admittedBase: admittedSystems(base.systems, 'base: '),
            admittedHead: admittedSystems(head.systems),
          }),
        // --synthetic: history of both trees' catalogs (a change's new metrics included).
        synthetic: ({ requested, admittedBase, admittedHead }) => ({
          systems: [...admittedHead, ...admittedBase.filter((b) => !admittedHead.some((h) => h.name === b.name))],
          rangeSeconds: requested,
        }),
      },
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
    const model = compileProjectInto(
      project,
      (files) => {
        for (const file of files) {
          const key = dashboardFileKey(file.path);
          if (key !== undefined) dashboards.set(`${key.system}/${key.name}`, file.content);
        }
      },
      { keepReview: true },
    ).review;
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
  base: Reviewed & { readonly admitted: readonly ValidSystem[] },
  head: Reviewed & { readonly admitted: readonly ValidSystem[] },
): Promise<Map<string, { before: string | undefined; after: string | undefined }>> {
  const budget = new PanelQueryBudget(MAX_PANEL_QUERIES);
  const drawn = new Map<string, { before: string | undefined; after: string | undefined }>();
  const side = async (tree: typeof base, key: string): Promise<string | undefined> => {
    const json = tree.dashboards.get(key);
    const system = tree.systems.find((s) => s.name === key.split('/')[0]);
    const valid = tree.admitted.find((s) => s.name === system?.name);
    if (json === undefined || system === undefined || valid === undefined) return undefined;
    const dashboard = previewDashboard(JSON.parse(json) as unknown);
    const computed = await recordingsComputer(reading, valid, [dashboard]);
    return previewBoard((await drawDashboard(reading, system, dashboard, budget, computed)).figures);
  };
  for (const change of diff.dashboards)
    drawn.set(change.key, { before: await side(base, change.key), after: await side(head, change.key) });
  return drawn;
}
