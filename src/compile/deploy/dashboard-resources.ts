import { uidOf as dashboardUidOf, kubernetesObjectName } from '../../derive/artifact-names.ts';
import type { KubernetesObject } from '../../kubernetes/resource-problems.ts';
import type { GrafanaOperatorTarget, GrafanaSidecarTarget } from '../../model/deployment.ts';
import type { System } from '../../model/system.ts';
import { dashboardText } from '../grafana/dashboard-files.ts';
import type { CompiledDashboard } from '../grafana/dashboard-link.ts';
import { managedLabels } from './managed-labels.ts';

function uidOf(system: System, compiled: CompiledDashboard): string {
  return compiled.json.uid ?? dashboardUidOf(system.name, compiled.dashboard);
}

/** A ConfigMap the Grafana sidecar loads: its label, the system as folder, the JSON under `<name>.json`. */
export function dashboardConfigMap(
  target: GrafanaSidecarTarget,
  system: System,
  compiled: CompiledDashboard,
): KubernetesObject & { metadata: { name: string } } {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: kubernetesObjectName('grafana-dashboard-', uidOf(system, compiled)),
      namespace: target.namespace,
      labels: { ...managedLabels(system), [target.label ?? 'grafana_dashboard']: target.labelValue ?? '1' },
      annotations: { [target.folderAnnotation ?? 'grafana_folder']: system.name },
    },
    data: { [`${compiled.dashboard.name}.json`]: dashboardText(compiled) },
  };
}

/** A grafana-operator `GrafanaDashboard` (grafana.integreatly.org/v1beta1) in the system's folder. */
export function grafanaDashboardResource(
  target: GrafanaOperatorTarget,
  system: System,
  compiled: CompiledDashboard,
): KubernetesObject & { metadata: { name: string } } {
  return {
    apiVersion: 'grafana.integreatly.org/v1beta1',
    kind: 'GrafanaDashboard',
    metadata: {
      name: kubernetesObjectName('', uidOf(system, compiled)),
      namespace: target.namespace,
      labels: managedLabels(system),
    },
    spec: {
      instanceSelector: { matchLabels: { ...target.instanceSelector } },
      folder: system.name,
      ...(target.resyncPeriod === undefined ? {} : { resyncPeriod: target.resyncPeriod }),
      ...(target.allowCrossNamespaceImport === undefined
        ? {}
        : { allowCrossNamespaceImport: target.allowCrossNamespaceImport }),
      json: dashboardText(compiled),
    },
  };
}
