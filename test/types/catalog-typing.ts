// Checked by `tsc --noEmit` (run by test/typecheck.test.ts): each @ts-expect-error line must
// really be a type error, or tsc fails with "Unused '@ts-expect-error' directive".
import {
  bounded,
  catalog,
  counter,
  histogram,
  not,
  oneOf,
  re,
  stat as statPanel,
  timeseries as timeseriesPanel,
  unbounded,
} from 'obsgen';
import { BigValueColorMode } from '@grafana/grafana-foundation-sdk/common';
import { deployTime, route as routeNode, secretFile, slack as slackIntegration } from 'obsgen';

const typed = catalog('typed', {
  scrapeInterval: '15s',
  instances: 2,
  labels: {
    service_name: oneOf('api-gateway', 'workflow-agent'),
    status_code: bounded(40, 'HTTP status codes actually returned'),
    tracking_id: unbounded('one trace id per request'),
  },
  metrics: {
    request_count: counter({ otel: 'request_count', help: 'Requests.', labels: ['service_name', 'status_code'] }),
    ai_requests_total: counter({
      help: 'AI calls.',
      labels: ['service_name', 'tracking_id'],
      drop: { tracking_id: 'collector' },
    }),
    request_duration_seconds: histogram({
      help: 'Latency.',
      unit: 'seconds',
      labels: ['service_name'],
      buckets: [0.5, 1, 2],
    }),
  },
});
const m = typed.metrics;

// Correct uses compile.
m.request_count.where({ service_name: 'api-gateway', status_code: re('5..') });
m.request_count.where({ service_name: not('workflow-agent') }).where({ status_code: '500' });
m.ai_requests_total.where({ service_name: 'api-gateway' });
export const kind: 'counter' = m.request_count.kind;

// @ts-expect-error a misspelt label is not a label of the metric
m.request_count.where({ statsu_code: '500' });

// @ts-expect-error a value outside the oneOf domain
m.request_count.where({ service_name: 'billing' });

// @ts-expect-error not() is checked against the domain too
m.request_count.where({ service_name: not('billing') });

// @ts-expect-error a label dropped at the collector never reaches Prometheus
m.ai_requests_total.where({ tracking_id: 'abc' });

// @ts-expect-error a label of another metric
m.request_duration_seconds.where({ status_code: '500' });

// @ts-expect-error no such metric in the catalog
void m.request_total;

catalog('undeclared', {
  scrapeInterval: '15s',
  instances: 1,
  labels: { method: oneOf('GET') },
  // @ts-expect-error a metric may only use labels the catalog declares
  metrics: { calls_total: counter({ labels: ['verb'] }) },
});

// @ts-expect-error a drop must name one of the metric's labels
counter({ labels: ['method'], drop: { path: 'collector' } });

// @ts-expect-error histograms need buckets
histogram({ labels: ['method'] });

// The sdk pass-through receives the builder of the panel's own type.
timeseriesPanel('Latency', 'up', { sdk: (b) => b.lineWidth(2) });
statPanel('Up', 'up', { sdk: (b) => b.colorMode(BigValueColorMode.Background) });
// @ts-expect-error a stat-only option on a time series panel
timeseriesPanel('Latency', 'up', { sdk: (b) => b.colorMode(BigValueColorMode.Background) });

// Alertmanager needs a URL for Slack's api_url: a secret file, not a deploy-time placeholder.
slackIntegration({ apiUrl: secretFile('/run/slack'), channel: '#x' });
// @ts-expect-error a ${NAME} placeholder would not load as a URL
slackIntegration({ apiUrl: deployTime('SLACK_URL'), channel: '#x' });
// @ts-expect-error severities are the alerts' own
routeNode({ matchers: { severity: 'page' } });
