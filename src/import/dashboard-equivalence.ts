import { isPromqlTarget } from '../grafana/panel-data-source.ts';
import { list, record, type Loose } from './loose-json.ts';

/** How a rebuilt dashboard compares with the original: its Prometheus queries, panel by panel title. */
export interface DashboardComparison {
  readonly queries: number;
  /** Original queries found, as written, in the rebuilt panel of the same title. */
  readonly kept: number;
  readonly missing: readonly string[];
}

/** Every Prometheus query of the original dashboard, looked up in the rebuilt one's panel of the same title. */
export function compareDashboards(original: string, rebuilt: string): DashboardComparison {
  const before = queriesByPanel(JSON.parse(original));
  const after = queriesByPanel(JSON.parse(rebuilt));
  const missing: string[] = [];
  let queries = 0;
  let kept = 0;
  for (const [title, exprs] of before) {
    const twin = [...(after.get(title) ?? [])];
    for (const expr of exprs) {
      queries++;
      const index = twin.indexOf(expr);
      if (index === -1) missing.push(`${title}: ${expr}`);
      else {
        kept++;
        twin.splice(index, 1);
      }
    }
  }
  return { queries, kept, missing };
}

/** The PromQL queries of every panel, by title (data sources followed as the import follows them). */
function queriesByPanel(json: unknown): Map<string, string[]> {
  const panels = new Map<string, string[]>();
  const dashboard = record(json);
  const variables = new Map(list(record(dashboard.templating).list).map((v) => [String(v.name), v] as const));
  const visit = (panel: Loose): void => {
    for (const inner of list(panel.panels)) visit(inner);
    const exprs = list(panel.targets).flatMap((t) => (isPromqlTarget(t, panel, variables) ? [String(t.expr)] : []));
    if (exprs.length === 0) return;
    const title = typeof panel.title === 'string' ? panel.title : '';
    panels.set(title, [...(panels.get(title) ?? []), ...exprs]);
  };
  for (const panel of list(dashboard.panels)) visit(panel);
  for (const row of list(dashboard.rows)) for (const panel of list(row.panels)) visit(panel);
  return panels;
}
