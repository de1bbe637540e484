import type { OutputFile } from '../output-file.ts';
import { barChart, html, htmlPage } from './html-page.ts';
import type { SystemReview } from './review-model.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

const TOP_METRICS = 15;

/** A system's page, relative to reports/. */
const systemPage = (system: { readonly name: string }): string => `systems/${system.name}.html`;

/*
 * The review pages: `reports/index.html` — every system's series against its budget and a row per
 * system with its SLOs, alerts and dashboards counted — and one page per system under
 * `reports/systems/` with its largest metrics, SLOs, alerts and dashboard sketches. Split so that a
 * fleet of a thousand systems is an index of a few hundred kilobytes and pages of a few dozen,
 * not one file of 19 MB; a system's page is written as the system is built, so only its index
 * row is kept for the end.
 */

/** What the index shows of a system. */
export interface ReviewIndexRow {
  readonly name: string;
  readonly description: string | undefined;
  readonly series: number;
  readonly budget: number | undefined;
  readonly slos: number;
  readonly alerts: number;
  readonly dashboards: number;
}

export function reviewIndexRow(system: SystemReview): ReviewIndexRow {
  const { name, description, series, budget } = system;
  return {
    name,
    description,
    series,
    budget,
    slos: system.slos.length,
    alerts: system.alerts.length,
    dashboards: system.dashboards.length,
  };
}

function budgetText(system: { readonly series: number; readonly budget: number | undefined }): string {
  return system.budget === undefined
    ? ''
    : ` of a ${groupedNumber(system.budget)} budget (${Math.round((100 * system.series) / system.budget)} %)`;
}

/** `reports/index.html`, from every compiled system's row (in definition order). */
export function reviewIndexPage(systems: readonly ReviewIndexRow[]): OutputFile {
  const series = systems.reduce((sum, s) => sum + s.series, 0);
  const totals = barChart(
    systems.map((s) => ({
      label: s.name,
      value: s.series,
      ...(s.budget === undefined ? {} : { limit: s.budget }),
    })),
    'series-systems',
  );
  const rows = systems.map(
    (system) =>
      `<tr><td><a href="${html(systemPage(system))}">${html(system.name)}</a></td><td>${groupedNumber(system.series)}${html(budgetText(system))}</td><td>${system.slos}</td><td>${system.alerts}</td><td>${system.dashboards}</td><td>${html(system.description ?? '')}</td></tr>`,
  );
  const body = `<section id="series"><h2>Series against budgets</h2>${totals}</section>
<section id="systems"><h2>Systems</h2><table><thead><tr><th>system</th><th>series</th><th>SLOs</th><th>alerts</th><th>dashboards</th><th>description</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
  return {
    path: 'reports/index.html',
    content: htmlPage(
      `obsgen review: ${systems.length} systems, ${groupedNumber(series)} series`,
      [
        ['series', 'Series'],
        ['systems', 'Systems'],
      ],
      body,
    ),
  };
}

/** `reports/systems/<system>.html`. */
export function systemReviewPage(system: SystemReview): OutputFile {
  const top = [...system.metrics]
    .sort((a, b) => (b.series === a.series ? (a.name < b.name ? -1 : 1) : b.series - a.series))
    .slice(0, TOP_METRICS);
  const series = `<h3>${html(system.name)}: ${groupedNumber(system.series)} series${html(budgetText(system))}</h3>
<figure class="series-chart" data-system="${html(system.name)}">${barChart(
    top.map((m) => ({ label: m.name, value: m.series })),
    `series-${system.name}`,
  )}</figure>`;
  const sloRows = system.slos.map(
    (slo) =>
      `<tr><td>${html(slo.name)}</td><td>${slo.objectives.map((o) => `${html(o)} %`).join(', ')}</td><td>${html(slo.period)}</td><td>${slo.budgetMinutes.map(html).join(', ')} min</td><td>${slo.tiers.map(html).join(', ')}</td><td>${slo.conditions.map(html).join('<br>')}</td></tr>`,
  );
  const alertRows = system.alerts.map(
    (alert) =>
      `<tr><td><a href="../../${html(alert.runbook)}">${html(alert.name)}</a></td><td class="sev-${html(alert.severity)}">${html(alert.severity)}</td><td><code>${html(alert.threshold ?? '')}</code></td><td>${html(alert.for ?? '')}</td><td>${alert.tests.length}</td><td>${alert.receivers.map(html).join(', ') || '<span class="muted">no Alertmanager</span>'}</td><td>${html(alert.summary)}</td></tr>`,
  );
  const dashboards = system.dashboards.map(
    (dashboard) =>
      `<figure class="sketch" data-uid="${html(dashboard.uid)}"><figcaption>${html(dashboard.title)} (${dashboard.panels.length} panels)</figcaption>${dashboard.sketch}</figure>`,
  );
  const body = `<p><a href="../index.html">All systems</a></p>
<section id="series"><h2>Series against the budget</h2>${series}</section>
<section id="slos"><h2>SLOs</h2><table><thead><tr><th>SLO</th><th>objective</th><th>period</th><th>error budget</th><th>tiers</th><th>burn conditions</th></tr></thead><tbody>
${sloRows.join('\n')}
</tbody></table></section>
<section id="alerts"><h2>Alerts</h2><table><thead><tr><th>alert (runbook)</th><th>severity</th><th>threshold</th><th>for</th><th>tests</th><th>receivers</th><th>summary</th></tr></thead><tbody>
${alertRows.join('\n')}
</tbody></table></section>
<section id="dashboards"><h2>Dashboards</h2><div class="sketches">
${dashboards.join('\n')}
</div></section>`;
  return {
    path: `reports/${systemPage(system)}`,
    content: htmlPage(
      `obsgen review: ${system.name}`,
      [
        ['series', 'Series'],
        ['slos', 'SLOs'],
        ['alerts', 'Alerts'],
        ['dashboards', 'Dashboards'],
      ],
      body,
    ),
  };
}
