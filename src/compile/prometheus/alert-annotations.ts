import type { AlertRule } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';
import { dashboardUrl, type ResolvedLink } from '../grafana/dashboard-link.ts';

/** The runbook page of an alert, relative to the output directory. */
export function runbookPath(system: System, alert: AlertRule): string {
  return `runbooks/${system.name}/${alert.runbookPage ?? alert.name}.md`;
}

/** A shared page links to the alert's section (the heading's anchor). */
function runbookUrl(project: Project, system: System, alert: AlertRule): string {
  const page = alert.runbookPage ?? alert.name;
  return `${project.runbookBaseUrl}/${system.name}/${page}.md${page === alert.name ? '' : `#${alert.name.toLowerCase()}`}`;
}

/**
 * Annotations in the order they are written: summary, description, runbook_url, then the rest
 * (dashboard_url among them, from the alert's resolved dashboard link) sorted.
 */
export function alertAnnotations(
  project: Project,
  system: System,
  alert: AlertRule,
  link: ResolvedLink | undefined,
): readonly (readonly [string, string])[] {
  const linked =
    link === undefined || alert.annotations?.dashboard_url !== undefined
      ? undefined
      : dashboardUrl(project, system, link);
  const extra = [
    ...Object.entries(alert.annotations ?? {}),
    ...(linked === undefined ? [] : [['dashboard_url', linked] as [string, string]]),
  ]
    .filter(([key]) => key !== 'summary' && key !== 'description' && key !== 'runbook_url')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ['summary', alert.summary],
    ['description', alert.description],
    ['runbook_url', alert.annotations?.runbook_url ?? runbookUrl(project, system, alert)],
    ...extra,
  ];
}

/**
 * Labels in the order they are written: severity first, then the rest sorted. Every alert carries
 * `system="<name>"` (unless it sets its own), so Alertmanager can route and inhibit per system.
 */
export function alertLabels(system: string, alert: AlertRule): [string, string][] {
  const extra = Object.entries({ system, ...alert.labels })
    .filter(([key]) => key !== 'severity')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [['severity', alert.severity], ...extra];
}
