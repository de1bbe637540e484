import type { Dashboard } from '../../model/dashboard.ts';
import type { DashboardLink } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';
import { dashboardJson, dashboardUid } from './dashboard-json.ts';

/** What a link resolves to in its system; `missing` names the part that does not exist. */
export type ResolvedLink =
  | { readonly ok: true; readonly dashboard: Dashboard; readonly panelId: number | undefined }
  | { readonly ok: false; readonly missing: 'dashboard' | 'panel'; readonly name: string; readonly known: readonly string[] };

const panelIds = new WeakMap<Dashboard, Map<string, number>>();

/** Panel ids by title, as the compiled dashboard assigns them. */
function idsOf(system: System, dashboard: Dashboard): Map<string, number> {
  let ids = panelIds.get(dashboard);
  if (ids === undefined) {
    ids = new Map();
    const stack = [...(dashboardJson(system, dashboard).panels ?? [])];
    for (const panel of stack) {
      if ('panels' in panel && Array.isArray(panel.panels)) stack.push(...panel.panels);
      if (panel.type !== 'row' && typeof panel.title === 'string' && typeof panel.id === 'number' && !ids.has(panel.title)) ids.set(panel.title, panel.id);
    }
    panelIds.set(dashboard, ids);
  }
  return ids;
}

export function resolveDashboardLink(system: System, link: DashboardLink): ResolvedLink {
  const name = typeof link.dashboard === 'string' ? link.dashboard : link.dashboard.name;
  const dashboard = system.dashboards.find((d) => d.name === name);
  if (dashboard === undefined) return { ok: false, missing: 'dashboard', name, known: system.dashboards.map((d) => d.name) };
  if (link.panel === undefined) return { ok: true, dashboard, panelId: undefined };
  const ids = idsOf(system, dashboard);
  const panelId = ids.get(link.panel);
  if (panelId === undefined) return { ok: false, missing: 'panel', name: link.panel, known: [...ids.keys()] };
  return { ok: true, dashboard, panelId };
}

/** `<grafana>/d/<uid>/<name>[?viewPanel=<id>]`, or undefined when the link does not resolve (a finding). */
export function dashboardUrl(project: Project, system: System, link: DashboardLink): string | undefined {
  const resolved = resolveDashboardLink(system, link);
  if (!resolved.ok) return undefined;
  const base = `${project.grafanaBaseUrl}/d/${dashboardUid(system.name, resolved.dashboard.name)}/${resolved.dashboard.name}`;
  return resolved.panelId === undefined ? base : `${base}?viewPanel=${resolved.panelId}`;
}
