import type { RuleIdOf } from '../../rule-id.ts';
import { uidOf } from '../../derive/artifact-names.ts';
import { contentPanels } from '../../grafana/dashboard-panels.ts';
import type { DashboardLint, PanelPromql } from '../../grafana/lint-dashboard.ts';
import type { Dashboard } from '../../model/dashboard.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { System } from '../../model/system.ts';
import { analyzeExpr, analyzePromql, type Analysis } from '../../promql/analyze.ts';
import { MISREAD_UNITS, valueScale } from '../../promql/value-scale.ts';
import type { CompiledDashboard } from '../../compile/system-artifacts.ts';
import type { CheckContext, ProjectRule, CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

const DESCRIPTIONS: readonly [RuleIdOf<'dashboard'>, string][] = [
  ['dashboard/uid', 'A dashboard without a uid, or with one longer than the 40 characters Grafana accepts.'],
  ['dashboard/editable', 'An editable dashboard: changes made in Grafana are lost at the next provisioning (warning).'],
  ['dashboard/datasource-variable', 'No datasource template variable: the dashboard is tied to one data source.'],
  ['dashboard/panel-id', 'A panel without an id, or two panels with one id.'],
  ['dashboard/panel-unit', 'A data panel without a unit (warning).'],
  ['dashboard/panel-description', 'A data panel without a description (warning).'],
  ['dashboard/undeclared-variable', 'A query uses a $variable the dashboard does not declare.'],
  ['dashboard/rate-interval', 'rate() or irate() over a fixed range instead of $__rate_interval (warning).'],
  ['dashboard/heatmap-buckets', 'A heatmap panel not fed by histogram _bucket series (warning).'],
];

interface LintedDashboard {
  readonly system: System;
  readonly dashboard: Dashboard;
  readonly json: CompiledDashboard['json'];
  readonly lint: DashboardLint;
  /** Analysis of each panel query after variable expansion, against the system's catalog. */
  readonly analyses: readonly {
    readonly panel: string;
    readonly text: string;
    readonly legend: string | undefined;
    readonly analysis: Analysis;
  }[];
}

/** Every dashboard of the context linted and its queries analyzed (once per context: many rules read it). */
function lintAll(context: CheckContext): LintedDashboard[] {
  const linted: LintedDashboard[] = [];
  for (const { system, dashboards } of context.artifacts) {
    // SLO dashboards are correct by construction (they read only the recordings generated with
    // them, and the test suite lints every one); their compilation leaves no lint to check.
    for (const { dashboard, json, lint } of dashboards) {
      if (lint === undefined) continue;
      const analyses = lint.queries.map((q) => ({
        panel: q.panel,
        text: q.expanded,
        legend: q.legend,
        analysis: analyzeQuery(q, context, system),
      }));
      linted.push({ system, dashboard, json, lint, analyses });
    }
  }
  return linted;
}

/** Every dashboard of the context compiled and linted once per check run. */
export function lintedDashboards(context: CheckContext): LintedDashboard[] {
  return context.once(lintAll);
}

function analyzeQuery(query: PanelPromql, context: CheckContext, system: System): Analysis {
  const analysisContext = { catalog: context.rules.catalog, system: system.name };
  // The lint already parsed it; unparseable text is analyzed from the text for the syntax finding.
  return query.ast === undefined
    ? analyzePromql(query.expanded, analysisContext)
    : analyzeExpr(query.ast, analysisContext);
}

export function dashboardSubject(system: System, dashboard: Dashboard): string {
  return subjectOf.dashboard(system.name, dashboard.name);
}

/** The panel's definition line when the finding names a panel, else the dashboard's. */
export function panelLocation(dashboard: Dashboard, title: string | undefined): SourceLocation {
  const panel =
    title === undefined ? undefined : dashboard.spec.rows.flatMap((row) => row.panels).find((p) => p.title === title);
  return panel?.at ?? dashboard.at;
}

export const DASHBOARD_RULES: readonly CheckRule[] = DESCRIPTIONS.map(([id, description]) => ({
  id,
  description,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { system, dashboard, lint } of lintedDashboards(context)) {
      const subject = dashboardSubject(system, dashboard);
      for (const issue of lint.issues) {
        if (issue.rule !== id) continue;
        findings.push({
          rule: id,
          severity: issue.severity,
          message: issue.message,
          hint: issue.hint,
          subject,
          at: panelLocation(dashboard, issue.panel),
          allowedBy: [subject, subjectOf.catalog(system.name)],
        });
      }
    }
    return findings;
  },
}));

/** A panel whose unit misreads its query's values: `ms` on seconds, `percent` on a 0–1 ratio. */
export const unitMismatchRule: CheckRule = {
  id: 'dashboard/unit-mismatch',
  description:
    "A panel's unit misreads what its query measures: ms on a seconds quantile or gauge, percent (0–100) on a ratio (0–1), kbytes on bytes; every value is shown 1,000 or 100 times off.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { system, dashboard, json, analyses } of lintedDashboards(context)) {
      const subject = dashboardSubject(system, dashboard);
      // Read from the compiled panel, so a unit set through the sdk pass-through is checked too.
      const units = panelUnits(json);
      for (const { panel, analysis } of analyses) {
        const unit = units.get(panel);
        const scale =
          analysis.expr === undefined ? undefined : valueScale(analysis.expr, context.rules.catalog, system.name);
        if (unit === undefined || scale === undefined || !MISREAD_UNITS[scale].has(unit)) continue;
        const right = scale === 'seconds' ? 's' : scale === 'ratio' ? 'percentunit' : 'bytes';
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `Panel "${panel}" shows ${scale} with unit ${unit}: every value is read ${scale === 'ratio' ? '100' : '1,000'} times off.`,
          hint: `Use unit ${right}; Grafana scales it for display.`,
          subject,
          at: panelLocation(dashboard, panel),
          allowedBy: [subject, subjectOf.catalog(system.name)],
        });
      }
    }
    return findings;
  },
};

/** `{{label}}` references of a Grafana legend format. */
const LEGEND_LABEL = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

export const legendLabelRule: CheckRule = {
  id: 'dashboard/legend-label',
  description:
    "A panel's legend names a label its query's result does not carry (an aggregation removed it): every series gets the same legend and the lines cannot be told apart (warning).",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { system, dashboard, analyses } of lintedDashboards(context)) {
      const subject = dashboardSubject(system, dashboard);
      for (const { panel, legend, analysis } of analyses) {
        const known = analysis.labels.known;
        if (legend === undefined || known === undefined) continue;
        for (const [, label] of legend.matchAll(LEGEND_LABEL)) {
          if (label === undefined || known.has(label) || label.startsWith('__')) continue;
          findings.push({
            rule: this.id,
            severity: 'warning',
            message: `Panel "${panel}" has legend ${JSON.stringify(legend)}, but its query's result has ${known.size === 0 ? 'no labels' : `only ${[...known].sort().join(', ')}`}: ${label} renders empty.`,
            hint: `Keep ${label} in the query's by (…), or use a label the result has.`,
            subject,
            at: panelLocation(dashboard, panel),
            allowedBy: [subject],
          });
        }
      }
    }
    return findings;
  },
};

/** Each panel's unit by title, as the compiled dashboard carries it (rows' nested panels included). */
function panelUnits(json: CompiledDashboard['json']): Map<string, string | undefined> {
  const units = new Map<string, string | undefined>();
  for (const panel of contentPanels(json)) {
    if (typeof panel.title !== 'string' || units.has(panel.title)) continue;
    const unit = (panel.fieldConfig as { defaults?: { unit?: unknown } } | undefined)?.defaults?.unit;
    units.set(panel.title, typeof unit === 'string' ? unit : undefined);
  }
  return units;
}

/**
 * Uids are compared across the project; SLO dashboards are left out, as they are from linting.
 * Not silenced by `allow`: two dashboards with one uid also write one sketch file.
 */
export const duplicateUidRule: ProjectRule = {
  id: 'dashboard/duplicate-uid',
  description: 'Two dashboards of the project with one uid: the later import replaces the earlier.',
  scope: 'project',
  check({ project }) {
    const findings: RuleFinding[] = [];
    const seen = new Map<string, string>();
    for (const system of project.systems) {
      for (const dashboard of system.dashboards) {
        if (dashboard.origin === 'slo') continue;
        const subject = dashboardSubject(system, dashboard);
        const uid = uidOf(system.name, dashboard);
        const first = seen.get(uid);
        if (first === undefined) seen.set(uid, subject);
        else
          findings.push({
            rule: this.id,
            severity: 'error',
            message: `${subject} has uid ${uid}, as ${first} does.`,
            hint: 'Rename one of the dashboards.',
            subject,
            at: dashboard.at,
            allowedBy: [],
          });
      }
    }
    return findings;
  },
};
