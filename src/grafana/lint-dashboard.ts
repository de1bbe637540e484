import type { RuleIdOf } from '../rule-id.ts';
import type { Severity } from '../finding.ts';
import { subexpressions, type Expr } from '../promql/ast.ts';
import { tryParsePromql } from '../promql/parse.ts';
import { flattenPanels } from './dashboard-panels.ts';
import { isPromqlTarget } from './panel-data-source.ts';
import {
  BUILTIN_VARIABLES,
  expandGrafanaVariables,
  RATE_INTERVAL_SECONDS,
  referencedVariables,
} from './variable-expansion.ts';

/** One problem in a dashboard; the caller adds the location and subject. */
interface DashboardIssue {
  readonly rule: RuleIdOf<'dashboard'>;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
  readonly panel?: string;
}

/** A Prometheus query of a panel, as written and after variable expansion. */
export interface PanelPromql {
  readonly panel: string;
  readonly refId: string;
  readonly text: string;
  readonly expanded: string;
  /** The parse of `expanded`; undefined when it does not parse. */
  readonly ast: Expr | undefined;
  /** The target's legend format (`{{service_name}}`), when it has one. */
  readonly legend?: string;
}

export interface DashboardLint {
  readonly uid: string | undefined;
  readonly issues: readonly DashboardIssue[];
  readonly queries: readonly PanelPromql[];
}

type Json = { readonly [key: string]: unknown };

const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Functions whose range a dashboard should leave to `$__rate_interval` (the compiler rewrites exactly these). */
export const RATE_INTERVAL_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'irate']);
/** Panel types without data queries (no unit or datasource expected). */
const NON_DATA = new Set([
  'row',
  'text',
  'news',
  'dashlist',
  'welcome',
  'alertlist',
  'annolist',
  'logs',
  'nodeGraph',
  'traces',
]);

/**
 * Lints classic dashboard JSON after grafana/dashboard-linter's conventions. Works on any
 * dashboard (obsgen's or a third party's); PromQL semantics are the caller's (needs a catalog).
 */
export interface LintOptions {
  /**
   * Histograms are classic (obsgen's catalogs): a heatmap must be fed by `_bucket` series.
   * Off for third-party dashboards, whose heatmaps may read native histograms.
   */
  readonly classicHistograms?: boolean;
}

export function lintDashboard(json: unknown, options: LintOptions = {}): DashboardLint {
  const issues: DashboardIssue[] = [];
  const queries: PanelPromql[] = [];
  const dashboard = isMap(json) && isMap(json.dashboard) ? json.dashboard : isMap(json) ? json : {};
  const uid = typeof dashboard.uid === 'string' ? dashboard.uid : undefined;
  const report = (
    rule: RuleIdOf<'dashboard'>,
    severity: Severity,
    message: string,
    hint: string,
    panel?: string,
  ): void => {
    issues.push({ rule, severity, message, hint, ...(panel === undefined ? {} : { panel }) });
  };
  if (uid === undefined || uid === '')
    report(
      'dashboard/uid',
      'error',
      'The dashboard has no uid: every import creates a new dashboard and links break.',
      'Set a stable uid.',
    );
  else if (uid.length > 40)
    report(
      'dashboard/uid',
      'error',
      `uid "${uid}" has ${uid.length} characters; Grafana accepts at most 40.`,
      'Shorten the uid.',
    );
  if (dashboard.editable !== false)
    report(
      'dashboard/editable',
      'warning',
      'The dashboard is editable: changes made in Grafana are lost at the next provisioning.',
      'Set editable: false; change the definition instead.',
    );

  const variables = list(isMap(dashboard.templating) ? dashboard.templating.list : undefined).filter(isMap);
  const declared = new Map(variables.map((v) => [String(v.name), v]));
  if (!variables.some((v) => v.type === 'datasource'))
    report(
      'dashboard/datasource-variable',
      'error',
      'No datasource template variable: the dashboard is tied to one data source uid.',
      'Add a datasource variable and use ${datasource} in every panel.',
    );

  // Schema versions before 16 keep panels under rows[].panels; such a row is a container, not a panel.
  const panels = flattenPanels([
    ...list(dashboard.panels),
    ...list(dashboard.rows)
      .filter(isMap)
      .flatMap((legacyRow) => list(legacyRow.panels)),
  ]);
  const ids = new Map<number, string>();
  for (const panel of panels) {
    const title =
      typeof panel.title === 'string' && panel.title !== '' ? panel.title : `panel ${String(panel.id ?? '?')}`;
    if (typeof panel.id !== 'number')
      report(
        'dashboard/panel-id',
        'error',
        `Panel "${title}" has no id: links to it and its alert annotations cannot be kept.`,
        'Give every panel a unique id.',
        title,
      );
    else if (ids.has(panel.id))
      report(
        'dashboard/panel-id',
        'error',
        `Panels "${ids.get(panel.id)}" and "${title}" share id ${panel.id}.`,
        'Give every panel a unique id.',
        title,
      );
    else ids.set(panel.id, title);
    const type = String(panel.type ?? '');
    if (NON_DATA.has(type)) continue;
    const defaults = isMap(panel.fieldConfig) && isMap(panel.fieldConfig.defaults) ? panel.fieldConfig.defaults : {};
    if (typeof defaults.unit !== 'string' || defaults.unit === '')
      report(
        'dashboard/panel-unit',
        'warning',
        `Panel "${title}" has no unit: readers guess whether 0.2 is seconds, a ratio or requests.`,
        'Set a unit (s, bytes, reqps, percentunit, short).',
        title,
      );
    if (typeof panel.description !== 'string' || panel.description.trim() === '')
      report(
        'dashboard/panel-description',
        'warning',
        `Panel "${title}" has no description.`,
        'Say what the panel shows and how to read it.',
        title,
      );
    for (const target of list(panel.targets).filter(isMap)) {
      // Only PromQL is analysed as PromQL: Loki, Elasticsearch, … targets (through a data source
      // variable too) are another language; an empty query is never sent.
      if (!isPromqlTarget(target, panel, declared)) continue;
      const expr = String(target.expr);
      for (const name of referencedVariables(expr)) {
        if (!declared.has(name) && !Object.hasOwn(BUILTIN_VARIABLES, name))
          report(
            'dashboard/undeclared-variable',
            'error',
            `Panel "${title}" uses $${name}, which the dashboard does not declare.`,
            `Declare ${name} under templating, or use one of: ${[...declared.keys()].join(', ') || '(none declared)'}.`,
            title,
          );
      }
      const expanded = expandGrafanaVariables(expr, declared);
      const refId = typeof target.refId === 'string' ? target.refId : 'A';
      const ast = tryParsePromql(expanded);
      const legend = typeof target.legendFormat === 'string' ? target.legendFormat : undefined;
      queries.push({ panel: title, refId, text: expr, expanded, ast, ...(legend === undefined ? {} : { legend }) });
      if (ast === undefined) continue;
      const written = rateRanges(ast).filter((seconds) => seconds !== RATE_INTERVAL_SECONDS);
      if (written.length > 0)
        report(
          'dashboard/rate-interval',
          'warning',
          `Panel "${title}" (${refId}) uses a fixed or $__interval range in rate() or irate(); at some zoom levels it covers fewer than four scrapes and the panel shows gaps.`,
          'Use [$__rate_interval].',
          title,
        );
      if (
        options.classicHistograms === true &&
        type === 'heatmap' &&
        !selectorNames(ast).some((name) => name.endsWith('_bucket'))
      )
        report(
          'dashboard/heatmap-buckets',
          'warning',
          `Heatmap "${title}" (${refId}) is not fed by _bucket series.`,
          'Query sum by (le) (rate(<histogram>_bucket[$__rate_interval])) with format heatmap.',
          title,
        );
    }
  }
  return { uid, issues, queries };
}

/** Ranges (seconds) given to rate() and irate() directly. */
function rateRanges(expr: Expr): number[] {
  const own =
    expr.type === 'call' && RATE_INTERVAL_FUNCTIONS.has(expr.func)
      ? expr.args.filter((a) => a.type === 'matrix').map((a) => (a.type === 'matrix' ? a.range : 0))
      : [];
  return [...own, ...subexpressions(expr).flatMap(rateRanges)];
}

function selectorNames(expr: Expr): string[] {
  const own = expr.type === 'vector' && expr.name !== undefined ? [expr.name] : [];
  return [...own, ...subexpressions(expr).flatMap(selectorNames)];
}
