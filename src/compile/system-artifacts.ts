import type { QueryCost } from '../derive/query-cost.ts';
import type { Dashboard } from '../model/dashboard.ts';
import type { AlertRule, ExpectedAlert, Rule } from '../model/rule.ts';
import type { System } from '../model/system.ts';
import type { CfnTemplate } from './cloudwatch/cloudformation-template.ts';
import type { TerraformDocument } from './cloudwatch/terraform-json.ts';
import type { CompiledDashboard, ResolvedLink } from './grafana/dashboard-link.ts';
import type { ExpectedAlertRendering } from './prometheus/expected-alerts.ts';
import type { YamlValue } from './yaml-emitter.ts';
import type { CompiledRuleGroup } from './prometheus/rule-group-documents.ts';
import type { DeployedDocument } from './deploy/deployed-documents.ts';

// The one door checks read compiled values through: the artifact types and their lookup; the
// compiler that makes them is compile-artifacts.ts.

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

export interface SystemCosts {
  readonly rules: ReadonlyMap<Rule, QueryCost>;
  readonly panels: readonly {
    readonly dashboard: Dashboard;
    readonly panel: string;
    readonly query: string;
    readonly cost: QueryCost;
  }[];
}

/** The artifacts compiled from `system` among a context's (each system's artifacts name it). */
export function artifactsOf(artifacts: readonly SystemArtifacts[], system: System): SystemArtifacts {
  const found = artifacts.find((a) => a.system === system || a.system.name === system.name);
  if (found === undefined) throw new Error(`no artifacts were compiled for system ${system.name}`);
  return found;
}

export type { CompiledDashboard } from './grafana/dashboard-link.ts';
export type { DeployedDocument } from './deploy/deployed-documents.ts';
