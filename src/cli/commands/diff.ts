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
import { diffBacktest } from '../prometheus/diff-backtest.ts';
import { admittedSystems, tallyText, withLiveReading } from '../prometheus/live-reading.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';
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
      return existsSync(definitions) ? review(definitions) : { model: { systems: [], series: 0 }, systems: [] };
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
  if (options.live.prometheus !== undefined) {
    // Evidence from the live server: each changed alert backtested as the base and as the change define it.
    let backtest: DiffBacktest | undefined;
    const code = await withLiveReading(options.live, 'diff', async (reading) => {
      const rangeSeconds = parseDuration(options.live.range ?? '7d');
      if (rangeSeconds === undefined || rangeSeconds <= 0)
        throw new PrometheusError(`--range takes a duration such as 7d or 24h, not "${options.live.range}"`);
      backtest = await diffBacktest(
        reading,
        admittedSystems(base.systems, 'base: '),
        admittedSystems(head.systems),
        diff.alerts,
        rangeSeconds,
      );
      process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
      return 0;
    });
    if (code !== 0) return code;
    diff = { ...diff, backtest };
  }
  process.stdout.write(
    options.diffFormat === 'json'
      ? `${JSON.stringify(diff, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`
      : options.diffFormat === 'html'
        ? diffHtml(diff)
        : diffMarkdown(diff),
  );
  const failed = failedConditions(parsed.conditions, diff, head.model);
  for (const line of failed) process.stderr.write(`obsgen diff: fails on ${line}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** A tree's review model, and its systems as written (what a backtest admits and reads). */
interface Reviewed {
  readonly model: ReviewModel;
  readonly systems: readonly System[];
}

async function review(file: string): Promise<Reviewed> {
  const project = await loadDefinitions(file);
  try {
    return { model: compileProjectInto(project, () => {}).review, systems: project.systems };
  } catch (error) {
    throw thrownByDefinitions(error) ?? error;
  }
}
