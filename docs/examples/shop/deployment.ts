// How the shop's cluster takes the outputs: kube-prometheus-stack's Prometheus selects rules by
// its release label, Mimir's ruler holds one namespace per system, Grafana's sidecar and
// grafana-operator each load the dashboards.
import { deployment } from 'obsgen';

export const shopDeployment = deployment({
  prometheusOperator: { namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
  mimir: { namespacePrefix: 'acme-' },
  grafanaSidecar: { namespace: 'monitoring', folderAnnotation: 'grafana_folder' },
  grafanaOperator: { namespace: 'grafana', instanceSelector: { dashboards: 'grafana' }, resyncPeriod: '10m' },
});
