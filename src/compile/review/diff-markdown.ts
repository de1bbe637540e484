import { isEmptyDiff, type ReviewDiff } from './review-diff.ts';
import { diffSections, headline } from './diff-summary.ts';

/** GitHub's limit for a pull-request comment. */
export const COMMENT_LIMIT = 65_536;
/** The marker a CI job finds its earlier comment by. */
export const COMMENT_MARKER = '<!-- obsgen-diff -->';

/** The diff as a pull-request comment: a headline, then one collapsible section per kind of change. */
export function diffMarkdown(diff: ReviewDiff, limit = COMMENT_LIMIT): string {
  const head = `${COMMENT_MARKER}\n### obsgen diff\n\n`;
  if (isEmptyDiff(diff))
    return `${head}No change to alerts, series, SLOs, dashboards, collectors or CloudWatch resources.\n`;
  const parts = [`${head}**${headline(diff)}**\n`];
  const pointer = (omitted: number) =>
    `\n_… ${omitted} more line${omitted === 1 ? '' : 's'} left out to fit a comment: run \`npx obsgen diff --format html > diff.html\` for all of it._\n`;
  let used = parts[0]!.length + 200;
  let omitted = 0;
  for (const section of diffSections(diff)) {
    const open = `\n<details${section.id === 'alerts' || section.id === 'backtest' || section.id === 'series' ? ' open' : ''}><summary><b>${section.title}</b>: ${section.count}</summary>\n\n`;
    const close = '\n</details>\n';
    const lines: string[] = [];
    for (const line of section.lines) {
      const text = `- ${line}\n`;
      if (used + open.length + close.length + text.length > limit - 300) {
        omitted++;
        continue;
      }
      lines.push(text);
      used += text.length;
    }
    if (lines.length > 0) {
      parts.push(open, ...lines, close);
      used += open.length + close.length;
    }
  }
  if (omitted > 0) parts.push(pointer(omitted));
  return parts.join('');
}
