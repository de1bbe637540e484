import type { Alertmanager } from './alertmanager/alertmanager.ts';
import type { Catalog } from './catalog.ts';
import type { CloudWatch } from './cloudwatch.ts';
import type { Collector } from './collector.ts';
import type { Dashboard } from './dashboard.ts';
import type { Deployment } from './deployment.ts';
import type { RuleGroup } from './rule.ts';
import type { ProjectCheck, ProjectOutput } from './extension.ts';
import type { Slo } from './slo.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, objectOf, optional, param, required } from './input/shape.ts';

/** Everything obsgen knows about one system: its catalog now, rules and dashboards as they are added. */
export interface System {
  readonly name: string;
  readonly description: string | undefined;
  readonly catalog: Catalog;
  readonly ruleGroups: readonly RuleGroup[];
  readonly slos: readonly Slo[];
  readonly collector: Collector | undefined;
  readonly dashboards: readonly Dashboard[];
  readonly cloudwatch: CloudWatch | undefined;
  readonly at: SourceLocation;
}

export interface SystemSpec {
  readonly catalog: Catalog;
  /** Prometheus alerting and recording rules, one file per group. */
  readonly rules?: readonly RuleGroup[];
  /** Service level objectives: compiled into recording rules, burn-rate alerts and their tests. */
  readonly slos?: readonly Slo[];
  /** The OpenTelemetry Collector the system's telemetry goes through. */
  readonly collector?: Collector;
  /** Grafana dashboards, compiled to generated/grafana/<system>/. */
  readonly dashboards?: readonly Dashboard[];
  /** Log groups, Logs Insights queries, alarms and dashboards in AWS CloudWatch. */
  readonly cloudwatch?: CloudWatch;
  /** One line for reports and the README table. */
  readonly description?: string;
}

/** Groups one system's definitions; its name is the catalog's system name. */
export function system(spec: SystemSpec): System {
  const at = captureLocation();
  const made: System = {
    name: spec.catalog?.system,
    description: spec.description,
    catalog: spec.catalog,
    ruleGroups: spec.rules ?? [],
    slos: spec.slos ?? [],
    collector: spec.collector,
    dashboards: spec.dashboards ?? [],
    cloudwatch: spec.cloudwatch,
    at,
  };
  return defined(made, SYSTEM, [spec], at);
}

const SYSTEM = inputShape('system', [
  param(
    'spec',
    objectOf<SystemSpec>('a system', {
      catalog: required(),
      rules: optional(),
      slos: optional(),
      collector: optional(),
      dashboards: optional(),
      cloudwatch: optional(),
      description: optional(),
    }),
  ),
]);

const PROJECT = Symbol.for('obsgen.project');

/** The root object a definitions file exports as default. */
export interface Project {
  readonly [PROJECT]: true;
  readonly systems: readonly System[];
  /** Where generated/runbooks/ is published; each alert's runbook_url points below it. */
  readonly runbookBaseUrl: string;
  /** The Grafana that serves generated/grafana/; alerts' dashboard_url points into it. */
  readonly grafanaBaseUrl: string;
  /** The team's own checks, run on every system beside obsgen's. */
  readonly checks: readonly ProjectCheck[];
  /** The team's own outputs, written below `<out>/<name>/`. */
  readonly outputs: readonly ProjectOutput[];
  /** Where alerts go: compiled to generated/alertmanager/; undefined writes none. */
  readonly alertmanager: Alertmanager | undefined;
  /** Samples one evaluation of a rule or panel query may read before promql/expensive warns. */
  readonly queryBudget: number;
  /** Deployment formats written beside the plain files (PrometheusRule, Mimir, ConfigMaps, GrafanaDashboard). */
  readonly deployment: Deployment | undefined;
  readonly at: SourceLocation;
}

export interface ProjectSpec {
  readonly systems: readonly System[];
  readonly runbookBaseUrl?: string;
  readonly grafanaBaseUrl?: string;
  readonly checks?: readonly ProjectCheck[];
  readonly outputs?: readonly ProjectOutput[];
  /** The Alertmanager routing tree, receivers, inhibitions and templates (`alertmanager({...})`). */
  readonly alertmanager?: Alertmanager;
  /** Samples one evaluation of a rule or dashboard query may read before promql/expensive warns (default 5,000,000). */
  readonly queryBudget?: number;
  /** Kubernetes and Mimir formats to write as well (`deployment({...})`); none by default. */
  readonly deployment?: Deployment;
}

const DEFAULT_RUNBOOK_BASE_URL = 'https://runbooks.example.com';
/** A tenth of Prometheus' default --query.max-samples (50,000,000), which fails the query outright. */
const DEFAULT_QUERY_BUDGET = 5_000_000;
const DEFAULT_GRAFANA_BASE_URL = 'https://grafana.example.com';

export function project(spec: ProjectSpec): Project {
  const at = captureLocation();
  const made: Project = {
    [PROJECT]: true,
    systems: spec.systems,
    runbookBaseUrl: (spec.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE_URL).replace(/\/+$/, ''),
    grafanaBaseUrl: (spec.grafanaBaseUrl ?? DEFAULT_GRAFANA_BASE_URL).replace(/\/+$/, ''),
    checks: spec.checks ?? [],
    outputs: spec.outputs ?? [],
    alertmanager: spec.alertmanager,
    queryBudget: spec.queryBudget ?? DEFAULT_QUERY_BUDGET,
    deployment: spec.deployment,
    at,
  };
  return defined(made, PROJECT_SHAPE, [spec], at);
}

const PROJECT_SHAPE = inputShape('project', [
  param(
    'spec',
    objectOf<ProjectSpec>('a project', {
      systems: required(),
      runbookBaseUrl: optional(),
      grafanaBaseUrl: optional(),
      checks: optional(),
      outputs: optional(),
      alertmanager: optional(),
      queryBudget: optional(),
      deployment: optional(),
    }),
  ),
]);

export function isProject(value: unknown): value is Project {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROJECT] === true;
}
