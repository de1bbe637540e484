// The project obsgen builds: one system per seed document in docs/seeds/.
import { deployment, project } from 'obsgen';
import alerting from './alerting.ts';
import agenticBrowser from './agentic-browser/index.ts';
import aiTeams from './ai-teams/index.ts';
import eventflux from './eventflux/index.ts';
import penguiflow from './penguiflow/index.ts';
import secflow from './secflow/index.ts';

export default project({
  systems: [secflow, aiTeams, penguiflow, eventflux, agenticBrowser],
  alertmanager: alerting,
  // Every deployment format, as a kube-prometheus-stack cluster with Mimir and grafana-operator would take them.
  deployment: deployment({
    prometheusOperator: { namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
    mimir: {},
    grafanaSidecar: { namespace: 'monitoring' },
    grafanaOperator: { namespace: 'monitoring', instanceSelector: { dashboards: 'grafana' } },
  }),
});
