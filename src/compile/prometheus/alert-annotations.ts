import type { AlertRule } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';
import { dashboardUrl } from '../grafana/dashboard-link.ts';

/** The runbook page of an alert, relative to the output directory. */
export function runbookPath(system: System, alert: AlertRule): string {
  return `runbooks/${system.name}/${alert.runbookPage ?? alert.name}.md`;
}

/** A shared page links to the alert's section (the heading's anchor). */
function runbookUrl(project: Project, system: System, alert: AlertRule): string {
  const page = alert.runbookPage ?? alert.name;
  return `${project.runbookBaseUrl}/${system.name}/${page}.md${page === alert.name ? '' : `#${alert.name.toLowerCase()}`}`;
}

/** Annotations in the order they are written: summary, description, runbook_url, then the rest (dashboard_url among them) sorted. */
export function alertAnnotations(project: Project, system: System, alert: AlertRule): readonly (readonly [string, string])[] {
  // Read by the rule file, every test case's expected alert and two checks: built once per alert.
  const cached = annotationsOf.get(alert);
  if (cached !== undefined && cached.project === project && cached.system === system) return cached.annotations;
  const annotations = build(project, system, alert);
  annotationsOf.set(alert, { project, system, annotations });
  return annotations;
}

const annotationsOf = new WeakMap<AlertRule, { readonly project: Project; readonly system: System; readonly annotations: readonly (readonly [string, string])[] }>();

function build(project: Project, system: System, alert: AlertRule): readonly (readonly [string, string])[] {
  const linked = alert.dashboard === undefined || alert.annotations?.dashboard_url !== undefined ? undefined : dashboardUrl(project, system, alert.dashboard);
  const extra = [...Object.entries(alert.annotations ?? {}), ...(linked === undefined ? [] : [['dashboard_url', linked] as [string, string]])]
    .filter(([key]) => key !== 'summary' && key !== 'description' && key !== 'runbook_url')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ['summary', alert.summary],
    ['description', alert.description],
    ['runbook_url', alert.annotations?.runbook_url ?? runbookUrl(project, system, alert)],
    ...extra,
  ];
}

/** Labels in the order they are written: severity first, then the rest sorted. */
export function alertLabels(alert: AlertRule): [string, string][] {
  const extra = Object.entries(alert.labels ?? {})
    .filter(([key]) => key !== 'severity')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [['severity', alert.severity], ...extra];
}
