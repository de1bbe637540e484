import type { KubernetesObject } from '../../kubernetes/resource-problems.ts';
import type { Project, System } from '../../model/system.ts';
import type { CompiledDashboard } from '../grafana/dashboard-link.ts';
import type { OutputOrigin } from '../output-file.ts';
import type { CompiledRuleGroup } from '../prometheus/rule-group-documents.ts';
import { dashboardConfigMap, grafanaDashboardResource } from './dashboard-resources.ts';
import { mimirNamespace, type MimirNamespaceDocument } from './mimir-namespace.ts';
import { prometheusRule } from './prometheus-rule.ts';

/** One deployment document of a system: a Kubernetes object, or a Mimir ruler namespace. */
export type DeployedDocument =
  | {
      readonly format: 'prometheus-operator' | 'grafana-sidecar' | 'grafana-operator';
      readonly path: string;
      readonly object: KubernetesObject;
      readonly origin: OutputOrigin;
    }
  | {
      readonly format: 'mimir';
      readonly path: string;
      readonly namespace: MimirNamespaceDocument;
      readonly origin: OutputOrigin;
    };

/** What the project's `deployment` asks for, from the system's compiled rule groups and dashboards. */
export function deployedDocuments(
  project: Project,
  system: System,
  ruleGroups: readonly CompiledRuleGroup[],
  dashboards: readonly CompiledDashboard[],
): DeployedDocument[] {
  const deployment = project.deployment;
  if (deployment === undefined) return [];
  const documents: DeployedDocument[] = [];
  const origin = { name: system.name, at: deployment.at };
  if (deployment.prometheusOperator !== undefined && ruleGroups.length > 0)
    documents.push({
      format: 'prometheus-operator',
      path: `kubernetes/prometheus-rules/${system.name}.yaml`,
      object: prometheusRule(deployment.prometheusOperator, system, ruleGroups),
      origin,
    });
  if (deployment.mimir !== undefined && ruleGroups.length > 0) {
    const namespace = mimirNamespace(deployment.mimir, system, ruleGroups);
    documents.push({ format: 'mimir', path: `mimir/${namespace.namespace}.yaml`, namespace, origin });
  }
  for (const compiled of dashboards) {
    const at = { name: compiled.dashboard.name, at: compiled.dashboard.at };
    if (deployment.grafanaSidecar !== undefined) {
      const object = dashboardConfigMap(deployment.grafanaSidecar, system, compiled);
      documents.push({
        format: 'grafana-sidecar',
        path: `kubernetes/grafana-dashboards/${system.name}/${object.metadata.name}.yaml`,
        object,
        origin: at,
      });
    }
    if (deployment.grafanaOperator !== undefined) {
      const object = grafanaDashboardResource(deployment.grafanaOperator, system, compiled);
      documents.push({
        format: 'grafana-operator',
        path: `kubernetes/grafana-operator/${system.name}/${object.metadata.name}.yaml`,
        object,
        origin: at,
      });
    }
  }
  return documents;
}
