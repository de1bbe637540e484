import { queryCost, type CostContext, type QueryCost } from '../derive/query-cost.ts';
import { recordedSeriesCount } from '../derive/rule-analysis.ts';
import type { SystemFacts } from '../derive/system-facts.ts';
import type { AlertRule, Rule } from '../model/rule.ts';
import { cloudformationTemplate } from './cloudwatch/cloudformation-template.ts';
import { terraformJson } from './cloudwatch/terraform-json.ts';
import { dashboardJson } from './grafana/dashboard-json.ts';
import { dashboardSketch } from './grafana/dashboard-sketch.ts';
import { lintDashboard } from '../grafana/lint-dashboard.ts';
import { resolveDashboardLink, type CompiledDashboard } from './grafana/dashboard-link.ts';
import { collectorConfig } from './otel/collector-config.ts';
import { alertAnnotations, alertLabels } from './prometheus/alert-annotations.ts';
import { renderExpectedAlert } from './prometheus/expected-alerts.ts';
import { ruleGroupDocuments } from './prometheus/rule-group-documents.ts';
import { deployedDocuments } from './deploy/deployed-documents.ts';
import type { CompiledAlert, SystemArtifacts, SystemCosts } from './system-artifacts.ts';

/** Compiles the system of `facts` (its SLOs expanded). Pure: same facts, same artifacts. */
export function compileArtifacts(facts: SystemFacts): SystemArtifacts {
  const { project } = facts;
  const system = project.systems[0]!;
  const dashboards = system.dashboards.map((dashboard) => {
    const json = dashboardJson(system, dashboard);
    const lint = dashboard.origin === 'slo' ? undefined : lintDashboard(json, { classicHistograms: true });
    return { dashboard, json, sketch: dashboardSketch(json), lint };
  });
  const alerts = new Map<AlertRule, CompiledAlert>();
  for (const group of system.ruleGroups) {
    for (const rule of group.rules) {
      if (rule.kind !== 'alert') continue;
      const dashboardLink = rule.dashboard === undefined ? undefined : resolveDashboardLink(dashboards, rule.dashboard);
      const labels = alertLabels(system.name, rule);
      const annotations = alertAnnotations(project, system, rule, dashboardLink);
      const expected = new Map(
        (rule.tests ?? [])
          .flatMap((test) => test.alerts)
          .map((alert) => [alert, renderExpectedAlert(labels, annotations, alert)] as const),
      );
      alerts.set(rule, { labels, annotations, dashboardLink, expected });
    }
  }
  const cloudformation = cloudformationTemplate(system, facts.logsQueries);
  const costs = systemCosts(facts, dashboards);
  const ruleGroups = ruleGroupDocuments(system, facts.rules, alerts);
  return {
    system,
    dashboards,
    alerts,
    ruleGroups,
    deployed: deployedDocuments(project, system, ruleGroups, dashboards),
    collector: collectorConfig(system),
    cloudformation,
    terraform: terraformJson(system, cloudformation),
    costs,
  };
}

/** The cost model applied to every rule (analyzed) and every linted dashboard query of the system. */
function systemCosts(facts: SystemFacts, dashboards: readonly CompiledDashboard[]): SystemCosts {
  const system = facts.project.systems[0]!;
  const recordings = facts.rules.rules.flatMap((entry) =>
    entry.rule.kind === 'record'
      ? [
          {
            name: entry.rule.name,
            labels: entry.rule.labels ?? {},
            series: recordedSeriesCount(entry)[0]?.series,
            interval: entry.group.intervalSeconds,
          },
        ]
      : [],
  );
  const context: CostContext = {
    catalog: facts.rules.catalog,
    system: system.name,
    recorded: (name, matchers) => {
      const chosen = recordings.filter(
        (r) =>
          r.name === name &&
          matchers.every((m) => m.op !== '=' || !Object.hasOwn(r.labels, m.label) || r.labels[m.label] === m.value),
      );
      if (chosen.length === 0 || chosen.some((r) => r.series === undefined)) return undefined;
      return {
        series: chosen.reduce((sum, r) => sum + r.series!, 0),
        interval: Math.min(...chosen.map((r) => r.interval)),
      };
    },
  };
  const rules = new Map<Rule, QueryCost>();
  for (const entry of facts.rules.rules)
    if (entry.analysis.expr !== undefined) rules.set(entry.rule, queryCost(entry.analysis.expr, context));
  const panels = dashboards.flatMap(({ dashboard, lint }) =>
    (lint?.queries ?? []).flatMap((q) =>
      q.ast === undefined ? [] : [{ dashboard, panel: q.panel, query: q.expanded, cost: queryCost(q.ast, context) }],
    ),
  );
  return { rules, panels };
}
