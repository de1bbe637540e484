import type * as grafana from '@grafana/grafana-foundation-sdk/dashboard';
import { uidOf } from '../../derive/artifact-names.ts';
import { contentPanels } from '../../grafana/dashboard-panels.ts';
import type { DashboardLint } from '../../grafana/lint-dashboard.ts';
import type { Dashboard } from '../../model/dashboard.ts';
import type { DashboardLink } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';

/** A dashboard definition and the Grafana JSON compiled from it. */
export interface CompiledDashboard {
  readonly dashboard: Dashboard;
  readonly json: grafana.Dashboard;
  /** Its layout sketch (SVG): written to reports/ and shown on the review page. */
  readonly sketch: string;
  /**
   * The dashboard linter's reading of the JSON (its PromQL after variable expansion); undefined
   * for SLO dashboards, correct by construction and linted by the test suite instead.
   */
  readonly lint: DashboardLint | undefined;
}

/** What a link resolves to in its system; `missing` names the part that does not exist. */
export type ResolvedLink =
  | { readonly ok: true; readonly dashboard: Dashboard; readonly panelId: number | undefined }
  | {
      readonly ok: false;
      readonly missing: 'dashboard' | 'panel';
      readonly name: string;
      readonly known: readonly string[];
    };

/** Panel ids by title, as the compiled dashboard assigns them (the first panel of a title wins). */
function panelIds(json: grafana.Dashboard): Map<string, number> {
  const ids = new Map<string, number>();
  for (const panel of contentPanels(json))
    if (typeof panel.title === 'string' && typeof panel.id === 'number' && !ids.has(panel.title))
      ids.set(panel.title, panel.id);
  return ids;
}

/** A link of an alert resolved against its system's compiled dashboards. */
export function resolveDashboardLink(dashboards: readonly CompiledDashboard[], link: DashboardLink): ResolvedLink {
  const name = typeof link.dashboard === 'string' ? link.dashboard : link.dashboard.name;
  const compiled = dashboards.find((d) => d.dashboard.name === name);
  if (compiled === undefined)
    return { ok: false, missing: 'dashboard', name, known: dashboards.map((d) => d.dashboard.name) };
  if (link.panel === undefined) return { ok: true, dashboard: compiled.dashboard, panelId: undefined };
  const ids = panelIds(compiled.json);
  const panelId = ids.get(link.panel);
  if (panelId === undefined) return { ok: false, missing: 'panel', name: link.panel, known: [...ids.keys()] };
  return { ok: true, dashboard: compiled.dashboard, panelId };
}

/** `<grafana>/d/<uid>/<name>[?viewPanel=<id>]`, or undefined when the link does not resolve (a finding). */
export function dashboardUrl(project: Project, system: System, resolved: ResolvedLink): string | undefined {
  if (!resolved.ok) return undefined;
  const base = `${project.grafanaBaseUrl}/d/${uidOf(system.name, resolved.dashboard)}/${resolved.dashboard.name}`;
  return resolved.panelId === undefined ? base : `${base}?viewPanel=${resolved.panelId}`;
}
