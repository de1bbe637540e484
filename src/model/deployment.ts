import { captureLocation, type SourceLocation } from './source-location.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, mapOf, objectOf, optional, param, required } from './input/shape.ts';

/** prometheus-operator: one `PrometheusRule` per system, picked up by a Prometheus' ruleSelector. */
export interface PrometheusOperatorTarget {
  readonly namespace: string;
  /** Labels the Prometheus resource's `ruleSelector` matches (kube-prometheus-stack: `release: <name>`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Grafana Mimir or Cortex ruler: one namespace file per system, for `mimirtool rules load` or `rules sync`. */
export interface MimirTarget {
  /** Prefixed to the system's name to make its ruler namespace (default: none). */
  readonly namespacePrefix?: string;
  /** The ruler's `-ruler.max-rules-per-rule-group` (Mimir's default 20): larger groups are refused. */
  readonly maxRulesPerGroup?: number;
}

/** Grafana's dashboard sidecar (kube-prometheus-stack, the Grafana chart): ConfigMaps with its label. */
export interface GrafanaSidecarTarget {
  readonly namespace: string;
  /** The label the sidecar watches (`sidecar.dashboards.label`, default `grafana_dashboard`). */
  readonly label?: string;
  /** Its value (`sidecar.dashboards.labelValue`, default `"1"`). */
  readonly labelValue?: string;
  /** The annotation naming a dashboard's folder (`sidecar.dashboards.folderAnnotation`, default `grafana_folder`). */
  readonly folderAnnotation?: string;
}

/** grafana-operator v5: one `GrafanaDashboard` (grafana.integreatly.org/v1beta1) per dashboard. */
export interface GrafanaOperatorTarget {
  readonly namespace: string;
  /** Labels of the `Grafana` instances that import the dashboards (`spec.instanceSelector.matchLabels`). */
  readonly instanceSelector: Readonly<Record<string, string>>;
  /** How often the operator re-applies a dashboard (default: the operator's, 5m). */
  readonly resyncPeriod?: string;
  /** Let a Grafana in another namespace import the dashboards. */
  readonly allowCrossNamespaceImport?: boolean;
}

/** The deployment formats a project writes beside the plain files (each optional; none by default). */
export interface DeploymentSpec {
  readonly prometheusOperator?: PrometheusOperatorTarget;
  readonly mimir?: MimirTarget;
  readonly grafanaSidecar?: GrafanaSidecarTarget;
  readonly grafanaOperator?: GrafanaOperatorTarget;
}

export interface Deployment extends DeploymentSpec {
  readonly at: SourceLocation;
}

/** Deployment formats: PrometheusRule, Mimir ruler namespaces, sidecar ConfigMaps, GrafanaDashboard resources. */
export function deployment(spec: DeploymentSpec): Deployment {
  const at = captureLocation();
  return defined({ ...spec, at }, SHAPE, [spec], at);
}

const SHAPE = inputShape('deployment', [
  param(
    'spec',
    objectOf<DeploymentSpec>('a deployment', {
      prometheusOperator: optional(
        objectOf<PrometheusOperatorTarget>('a prometheus-operator target', {
          namespace: required(),
          labels: optional(mapOf()),
        }),
      ),
      mimir: optional(
        objectOf<MimirTarget>('a Mimir target', { namespacePrefix: optional(), maxRulesPerGroup: optional() }),
      ),
      grafanaSidecar: optional(
        objectOf<GrafanaSidecarTarget>('a Grafana sidecar target', {
          namespace: required(),
          label: optional(),
          labelValue: optional(),
          folderAnnotation: optional(),
        }),
      ),
      grafanaOperator: optional(
        objectOf<GrafanaOperatorTarget>('a grafana-operator target', {
          namespace: required(),
          instanceSelector: required(mapOf()),
          resyncPeriod: optional(),
          allowCrossNamespaceImport: optional(),
        }),
      ),
    }),
  ),
]);
