// The project: every system, where runbooks and dashboards are served, and where alerts go.
import { project, system } from 'obsgen';
import { shopAlertmanager } from './alerting.ts';
import { shop } from './catalog.ts';
import { shopCloudWatch } from './cloudwatch.ts';
import { shopCollector } from './collector.ts';
import { overview } from './dashboards.ts';
import { shopDeployment } from './deployment.ts';
import { shopAlerts, shopRecording } from './rules.ts';
import { shopSlos } from './slos.ts';

export default project({
  runbookBaseUrl: 'https://github.com/acme/observability/blob/main/generated/runbooks',
  grafanaBaseUrl: 'https://grafana.acme.example',
  systems: [
    system({
      catalog: shop,
      rules: [shopRecording, shopAlerts],
      slos: shopSlos,
      dashboards: [overview],
      collector: shopCollector,
      cloudwatch: shopCloudWatch,
      description: 'The shop: cart, checkout and their API.',
    }),
  ],
  alertmanager: shopAlertmanager,
  deployment: shopDeployment,
});
