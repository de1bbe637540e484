import type { SystemFacts } from '../derive/system-facts.ts';
import type { AlertRule, ExpectedAlert } from '../model/rule.ts';
import type { System } from '../model/system.ts';
import { cloudformationTemplate, type CfnTemplate } from './cloudwatch/cloudformation-template.ts';
import { terraformJson, type TerraformDocument } from './cloudwatch/terraform-json.ts';
import { dashboardJson } from './grafana/dashboard-json.ts';
import { dashboardSketch } from './grafana/dashboard-sketch.ts';
import { resolveDashboardLink, type CompiledDashboard, type ResolvedLink } from './grafana/dashboard-link.ts';
import { collectorConfig } from './otel/collector-config.ts';
import { alertAnnotations, alertLabels } from './prometheus/alert-annotations.ts';
import { renderExpectedAlert, type ExpectedAlertRendering } from './prometheus/expected-alerts.ts';
import type { YamlValue } from './yaml-emitter.ts';

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
  readonly collector: Record<string, YamlValue> | undefined;
  readonly cloudformation: CfnTemplate | undefined;
  readonly terraform: TerraformDocument | undefined;
}

/** Compiles the system of `facts` (its SLOs expanded). Pure: same facts, same artifacts. */
export function compileArtifacts(facts: SystemFacts): SystemArtifacts {
  const { project } = facts;
  const system = project.systems[0]!;
  const dashboards = system.dashboards.map((dashboard) => {
    const json = dashboardJson(system, dashboard);
    return { dashboard, json, sketch: dashboardSketch(json) };
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
  return {
    system,
    dashboards,
    alerts,
    collector: collectorConfig(system),
    cloudformation,
    terraform: terraformJson(system, cloudformation),
  };
}

/** The artifacts compiled from `system` among a context's (each system's artifacts name it). */
export function artifactsOf(artifacts: readonly SystemArtifacts[], system: System): SystemArtifacts {
  const found = artifacts.find((a) => a.system === system || a.system.name === system.name);
  if (found === undefined) throw new Error(`no artifacts were compiled for system ${system.name}`);
  return found;
}

export type { CompiledDashboard } from './grafana/dashboard-link.ts';
