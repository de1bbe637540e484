import { queryCost, type CostContext, type QueryCost } from '../derive/query-cost.ts';
import { recordedSeriesCount } from '../derive/rule-analysis.ts';
import type { SystemFacts } from '../derive/system-facts.ts';
import type { Dashboard } from '../model/dashboard.ts';
import { parseDuration } from '../model/duration.ts';
import type { AlertRule, ExpectedAlert, Rule } from '../model/rule.ts';
import type { System } from '../model/system.ts';
import { cloudformationTemplate, type CfnTemplate } from './cloudwatch/cloudformation-template.ts';
import { terraformJson, type TerraformDocument } from './cloudwatch/terraform-json.ts';
import { dashboardJson } from './grafana/dashboard-json.ts';
import { dashboardSketch } from './grafana/dashboard-sketch.ts';
import { lintDashboard } from '../grafana/lint-dashboard.ts';
import { resolveDashboardLink, type CompiledDashboard, type ResolvedLink } from './grafana/dashboard-link.ts';
import { collectorConfig } from './otel/collector-config.ts';
import { alertAnnotations, alertLabels } from './prometheus/alert-annotations.ts';
import { renderExpectedAlert, type ExpectedAlertRendering } from './prometheus/expected-alerts.ts';
import type { YamlValue } from './yaml-emitter.ts';
import { ruleGroupDocuments, type CompiledRuleGroup } from './prometheus/rule-group-documents.ts';
import { deployedDocuments, type DeployedDocument } from './deploy/deployed-documents.ts';

/** An alert's labels and annotations as written to its rule file, and its test cases' expected alerts rendered. */
export interface CompiledAlert {
  readonly labels: readonly (readonly [string, string])[];
  readonly annotations: readonly (readonly [string, string])[];
  /** Its dashboard link resolved against the compiled dashboards; undefined without a link. */
  readonly dashboardLink: ResolvedLink | undefined;
  readonly expected: ReadonlyMap<ExpectedAlert, ExpectedAlertRendering>;
}

/**
 * Everything compiled from one system, as values: the files are serialized from it and the
 * checks read it, so nothing is compiled twice and no check calls a compiler.
 */
export interface SystemArtifacts {
  readonly system: System;
  /** Its dashboards (SLO dashboards included) in definition order. */
  readonly dashboards: readonly CompiledDashboard[];
  readonly alerts: ReadonlyMap<AlertRule, CompiledAlert>;
  /** Its rule groups (SLO groups included) as the rule files, PrometheusRule and Mimir write them. */
  readonly ruleGroups: readonly CompiledRuleGroup[];
  /** Kubernetes resources and Mimir ruler namespaces, as the project's `deployment` asks. */
  readonly deployed: readonly DeployedDocument[];
  readonly collector: Record<string, YamlValue> | undefined;
  readonly cloudformation: CfnTemplate | undefined;
  readonly terraform: TerraformDocument | undefined;
  /** What each rule and dashboard query reads per evaluation (the static cost model). */
  readonly costs: SystemCosts;
}

interface SystemCosts {
  readonly rules: ReadonlyMap<Rule, QueryCost>;
  readonly panels: readonly {
    readonly dashboard: Dashboard;
    readonly panel: string;
    readonly query: string;
    readonly cost: QueryCost;
  }[];
}

/** Artifacts of a system nothing was compiled for. */
export function emptyArtifacts(system: System): SystemArtifacts {
  return {
    system,
    dashboards: [],
    alerts: new Map(),
    ruleGroups: [],
    deployed: [],
    collector: undefined,
    cloudformation: undefined,
    terraform: undefined,
    costs: { rules: new Map(), panels: [] },
  };
}

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
            interval: parseDuration(entry.group.interval ?? '1m') ?? 60,
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

/** The artifacts compiled from `system` among a context's (each system's artifacts name it). */
export function artifactsOf(artifacts: readonly SystemArtifacts[], system: System): SystemArtifacts {
  const found = artifacts.find((a) => a.system === system || a.system.name === system.name);
  if (found === undefined) throw new Error(`no artifacts were compiled for system ${system.name}`);
  return found;
}

export type { CompiledDashboard } from './grafana/dashboard-link.ts';
export type { DeployedDocument } from './deploy/deployed-documents.ts';
