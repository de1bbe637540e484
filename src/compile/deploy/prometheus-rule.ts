import type { KubernetesObject } from '../../kubernetes/resource-problems.ts';
import type { PrometheusOperatorTarget } from '../../model/deployment.ts';
import type { System } from '../../model/system.ts';
import type { CompiledRuleGroup } from '../prometheus/rule-group-documents.ts';
import { managedLabels } from './managed-labels.ts';

/** The system's rule groups as one prometheus-operator `PrometheusRule` (monitoring.coreos.com/v1). */
export function prometheusRule(
  target: PrometheusOperatorTarget,
  system: System,
  ruleGroups: readonly CompiledRuleGroup[],
): KubernetesObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: system.name,
      namespace: target.namespace,
      labels: { ...managedLabels(system), ...target.labels },
    },
    spec: { groups: ruleGroups.map((compiled) => compiled.document) },
  };
}
