import type { OutputFile } from '../output-file.ts';
import { barChart, html, htmlPage } from './html-page.ts';
import type { ReviewModel } from './review-model.ts';

const TOP_METRICS = 15;

/** `reports/index.html`: series against budgets, SLOs, alerts and every dashboard's layout, in one file. */
export function reviewPage(review: ReviewModel): OutputFile {
  const series = review.systems
    .map((system) => {
      const top = [...system.metrics]
        .sort((a, b) => (b.series === a.series ? (a.name < b.name ? -1 : 1) : b.series - a.series))
        .slice(0, TOP_METRICS);
      return `<h3>${html(system.name)}: ${system.series.toLocaleString('en-US')} series${system.budget === undefined ? '' : ` of a ${system.budget.toLocaleString('en-US')} budget (${Math.round((100 * system.series) / system.budget)} %)`}</h3>
<figure class="series-chart" data-system="${html(system.name)}">${barChart(
        top.map((m) => ({ label: m.name, value: m.series })),
        `series-${system.name}`,
      )}</figure>`;
    })
    .join('\n');
  const totals = barChart(
    review.systems.map((s) => ({
      label: s.name,
      value: s.series,
      ...(s.budget === undefined ? {} : { limit: s.budget }),
    })),
    'series-systems',
  );
  const sloRows = review.systems.flatMap((system) =>
    system.slos.map(
      (slo) =>
        `<tr><td>${html(system.name)}</td><td>${html(slo.name)}</td><td>${slo.objectives.map((o) => `${html(o)} %`).join(', ')}</td><td>${html(slo.period)}</td><td>${slo.budgetMinutes.map(html).join(', ')} min</td><td>${slo.tiers.map(html).join(', ')}</td><td>${slo.conditions.map(html).join('<br>')}</td></tr>`,
    ),
  );
  const alertRows = review.systems.flatMap((system) =>
    system.alerts.map(
      (alert) =>
        `<tr><td>${html(system.name)}</td><td><a href="../${html(alert.runbook)}">${html(alert.name)}</a></td><td class="sev-${html(alert.severity)}">${html(alert.severity)}</td><td><code>${html(alert.threshold ?? '')}</code></td><td>${html(alert.for ?? '')}</td><td>${alert.tests.length}</td><td>${alert.receivers.map(html).join(', ') || '<span class="muted">no Alertmanager</span>'}</td><td>${html(alert.summary)}</td></tr>`,
    ),
  );
  const dashboards = review.systems.flatMap((system) =>
    system.dashboards.map(
      (dashboard) =>
        `<figure class="sketch" data-uid="${html(dashboard.uid)}"><figcaption>${html(system.name)} / ${html(dashboard.title)} (${dashboard.panels.length} panels)</figcaption>${dashboard.sketch}</figure>`,
    ),
  );
  const body = `<section id="series"><h2>Series against budgets</h2>${totals}
${series}</section>
<section id="slos"><h2>SLOs</h2><table><thead><tr><th>system</th><th>SLO</th><th>objective</th><th>period</th><th>error budget</th><th>tiers</th><th>burn conditions</th></tr></thead><tbody>
${sloRows.join('\n')}
</tbody></table></section>
<section id="alerts"><h2>Alerts</h2><table><thead><tr><th>system</th><th>alert (runbook)</th><th>severity</th><th>threshold</th><th>for</th><th>tests</th><th>receivers</th><th>summary</th></tr></thead><tbody>
${alertRows.join('\n')}
</tbody></table></section>
<section id="dashboards"><h2>Dashboards</h2><div class="sketches">
${dashboards.join('\n')}
</div></section>`;
  const nav: [string, string][] = [
    ['series', 'Series'],
    ['slos', 'SLOs'],
    ['alerts', 'Alerts'],
    ['dashboards', 'Dashboards'],
  ];
  return {
    path: 'reports/index.html',
    content: htmlPage(
      `obsgen review: ${review.systems.length} systems, ${review.series.toLocaleString('en-US')} series`,
      nav,
      body,
    ),
  };
}
