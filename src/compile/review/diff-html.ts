import { isEmptyDiff, type ReviewDiff } from './review-diff.ts';
import { diffSections, headline } from './diff-summary.ts';
import { evidenceTimeline } from './backtest-evidence.ts';
import { html, htmlPage } from './html-page.ts';
import { PREVIEW_STYLE } from '../preview/preview-page.ts';

/** Markdown's `code` and **bold** as HTML, the rest escaped. */
function inline(markdown: string): string {
  return html(markdown)
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/`([^`]*)`/g, '<code>$1</code>');
}

/**
 * `obsgen diff --format html`: every change, before/after layout sketches of changed dashboards,
 * and — when the diff read a Prometheus — those dashboards drawn with data, before and after.
 */
export function diffHtml(
  diff: ReviewDiff,
  withData?: ReadonlyMap<string, { readonly before: string | undefined; readonly after: string | undefined }>,
): string {
  const sections = diffSections(diff);
  const body = isEmptyDiff(diff)
    ? '<section id="summary"><p>No change to alerts, series, SLOs, dashboards, collectors or CloudWatch resources.</p></section>'
    : [
        `<section id="summary"><h2>Summary</h2><p>${html(headline(diff))}</p></section>`,
        ...sections.map(
          (section) =>
            `<section id="${section.id}"><h2>${html(section.title)}: ${html(section.count)}</h2><table><tbody>\n${section.lines
              .map((line) => {
                const kind = /^\*\*(added|removed|changed)\*\*/.exec(line)?.[1] ?? '';
                return `<tr class="${kind}"><td>${inline(line)}</td></tr>`;
              })
              .join('\n')}\n</tbody></table>${
              section.id === 'backtest' && diff.backtest !== undefined
                ? diff.backtest.alerts
                    .map(
                      (evidence) =>
                        `<h3>${html(evidence.key)}</h3><figure class="timeline">${evidenceTimeline(evidence, diff.backtest!)}</figure>`,
                    )
                    .join('\n')
                : section.id === 'dashboards'
                  ? diff.dashboards
                      .map(
                        (change) =>
                          `<h3>${html(change.key)}</h3><div class="sketches"><figure class="before"><figcaption>before</figcaption>${change.sketches.before ?? '<p class="muted">(none)</p>'}</figure><figure class="after"><figcaption>after</figcaption>${change.sketches.after ?? '<p class="muted">(none)</p>'}</figure></div>${withDataFigures(withData?.get(change.key), diff.backtest?.synthetic === true)}`,
                      )
                      .join('\n')
                  : ''
            }</section>`,
        ),
      ].join('\n');
  return htmlPage(
    'obsgen diff',
    [['summary', 'Summary'], ...sections.map((s) => [s.id, s.title] as const)],
    body,
    withData === undefined
      ? ''
      : `${PREVIEW_STYLE}.sketches figure.with-data{flex:0 0 520px;overflow-x:auto}.with-data .board{zoom:0.42}`,
  );
}

/** A changed dashboard's panels with data, base and change side by side (at 42 %). */
function withDataFigures(
  drawn: { readonly before: string | undefined; readonly after: string | undefined } | undefined,
  synthetic: boolean,
): string {
  if (drawn === undefined) return '';
  const side = (label: string, board: string | undefined) =>
    `<figure class="${label} with-data"><figcaption>${label}, with ${synthetic ? 'synthetic ' : ''}data</figcaption>${board ?? '<p class="muted">(none)</p>'}</figure>`;
  return `<div class="sketches">${side('before', drawn.before)}${side('after', drawn.after)}</div>`;
}
