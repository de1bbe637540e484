import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileProjectInto } from '../../pipeline/build-project.ts';
import { diffHtml } from '../../compile/review/diff-html.ts';
import { diffMarkdown } from '../../compile/review/diff-markdown.ts';
import { failedConditions, parseFailConditions } from '../../compile/review/fail-conditions.ts';
import { diffReviews } from '../../compile/review/review-diff.ts';
import type { ReviewModel } from '../../compile/review/review-model.ts';
import { BaseTreeError, withBaseTree } from '../base-tree.ts';
import type { CommonOptions } from '../common-options.ts';
import { DefinitionsLoadError, loadDefinitions, thrownByDefinitions } from '../load-definitions.ts';

/**
 * `obsgen diff`: builds the base ref's definitions (a temporary git worktree) and the working
 * tree's, both in memory, and prints what changed between their review models — alerts, series,
 * SLOs, dashboards, collectors, CloudWatch — as a PR comment (markdown), json or an html page.
 * Exit 1 when a `--fail-on` condition holds, 2 on a usage, git or load error.
 */
export async function diffCommand(options: CommonOptions): Promise<number> {
  const parsed = parseFailConditions(options.failOn ?? '');
  if ('error' in parsed) {
    process.stderr.write(`obsgen: ${parsed.error}\n`);
    return 2;
  }
  let head: ReviewModel;
  let base: ReviewModel;
  try {
    head = await review(options.definitions);
    base = await withBaseTree(options.base ?? 'HEAD', async (tree, repository) => {
      const definitions = path.join(tree, path.relative(repository, path.resolve(options.definitions)));
      // Definitions that did not exist at the base: everything is new.
      return existsSync(definitions) ? review(definitions) : { systems: [], series: 0 };
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
  const diff = diffReviews(base, head);
  process.stdout.write(
    options.diffFormat === 'json'
      ? `${JSON.stringify(diff, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`
      : options.diffFormat === 'html'
        ? diffHtml(diff)
        : diffMarkdown(diff),
  );
  const failed = failedConditions(parsed.conditions, diff, head);
  for (const line of failed) process.stderr.write(`obsgen diff: fails on ${line}\n`);
  return failed.length > 0 ? 1 : 0;
}

async function review(file: string): Promise<ReviewModel> {
  const project = await loadDefinitions(file);
  try {
    return compileProjectInto(project, () => {}).review;
  } catch (error) {
    throw thrownByDefinitions(error) ?? error;
  }
}
