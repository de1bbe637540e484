// Your observability definitions: what the services emit (a catalog) and what you watch (alerts,
// SLOs, dashboards, the collector) and who hears of an alert (Alertmanager). `npm run build`
// checks them and writes generated/.
import {
  alert,
  alertmanager,
  bounded,
  by,
  catalog,
  collector,
  counter,
  dashboard,
  div,
  fires,
  gt,
  histogram,
  histogramQuantile,
  latencySli,
  oneOf,
  pagerduty,
  project,
  quiet,
  rate,
  ratioSli,
  re,
  receiver,
  route,
  row,
  ruleGroup,
  secretFile,
  series,
  slack,
  slo,
  sloBurnInhibitions,
  stat,
  sum,
  system,
  timeseries,
  unbounded,
} from 'obsgen';

// What the shop's services expose. Every label has a domain, so obsgen can count series.
const shop = catalog('shop', {
  scrapeInterval: '15s',
  instances: 2,
  seriesBudget: 5_000,
  labels: {
    service: oneOf('cart', 'checkout'),
    method: oneOf('GET', 'POST'),
    status_code: bounded(10, 'HTTP status codes the services return'),
    trace_id: unbounded('one per request; kept on traces, dropped from metrics'),
  },
  metrics: {
    http_requests_total: counter({
      help: 'HTTP requests served.',
      labels: ['service', 'method', 'status_code', 'trace_id'],
      drop: { trace_id: 'collector' },
    }),
    http_request_duration_seconds: histogram({
      help: 'HTTP request latency.',
      unit: 'seconds',
      labels: ['service', 'method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
  },
});
const m = shop.metrics;

const errors = sum(rate(m.http_requests_total.where({ status_code: re('5..') }), '5m'), by('service'));
const requests = sum(rate(m.http_requests_total, '5m'), by('service'));

const alerts = ruleGroup('shop-alerts', {
  rules: [
    alert('ShopHighErrorRate', {
      expr: gt(div(errors, requests), 0.05),
      for: '5m',
      severity: 'critical',
      summary: 'A shop service fails more than 5% of requests.',
      description: '{{ $labels.service }} answers {{ $value | humanizePercentage }} of requests with 5xx.',
      runbook: {
        impact: 'Customers cannot shop.',
        diagnosis: ['Check the service logs for the failing route.'],
        mitigation: ['Roll back the last deploy.'],
      },
      tests: [
        // Per minute: 10 requests, 1 of them a 500. The expected value is the expression's value
        // at `at`: 1/10 = 0.1. `npx obsgen test --explain` prints it for every case.
        fires('one request in ten fails', {
          at: '10m',
          series: [
            series(m.http_requests_total.where({ service: 'cart', method: 'GET', status_code: '200' }), '0+9x60'),
            series(m.http_requests_total.where({ service: 'cart', method: 'GET', status_code: '500' }), '0+1x60'),
          ],
          alerts: [{ labels: { service: 'cart' }, value: 0.1 }],
        }),
        quiet('nothing fails', {
          at: '10m',
          series: [
            series(m.http_requests_total.where({ service: 'cart', method: 'GET', status_code: '200' }), '0+10x60'),
          ],
        }),
      ],
    }),
  ],
});

const slos = [
  slo('availability', {
    objective: 99.5,
    by: ['service'],
    sli: ratioSli({ errors: m.http_requests_total.where({ status_code: re('5..') }), total: m.http_requests_total }),
    description: 'Requests answered without a server error.',
  }),
  slo('latency', {
    objective: 95,
    sli: latencySli({ histogram: m.http_request_duration_seconds, threshold: 0.5 }),
    description: 'Requests answered within half a second.',
  }),
];

const overview = dashboard('shop-overview', {
  title: 'Shop / Overview',
  description: 'Traffic, errors and latency of the shop services.',
  rows: [
    row('Traffic', [
      timeseries('Requests', requests, {
        unit: 'reqps',
        legend: '{{service}}',
        description: 'Requests per second by service.',
      }),
      timeseries('Error ratio', div(errors, requests), {
        unit: 'percentunit',
        legend: '{{service}}',
        description: 'Share of requests answered with 5xx.',
      }),
      timeseries('Latency (p95)', histogramQuantile(0.95, m.http_request_duration_seconds, { by: ['service'] }), {
        unit: 's',
        legend: '{{service}}',
        description: '95th percentile of request time.',
      }),
      stat('Requests now', sum(rate(m.http_requests_total, '5m')), {
        unit: 'reqps',
        description: 'Requests per second across the shop.',
      }),
    ]),
  ],
});

// The collector in front of Prometheus: it drops trace_id from metrics, as the catalog says.
const shopCollector = collector({
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  processors: { memory_limiter: { check_interval: '1s', limit_mib: 256 }, batch: {} },
  exporters: { prometheusremotewrite: { endpoint: '${env:PROMETHEUS_REMOTE_WRITE_URL}' } },
  pipelines: {
    metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheusremotewrite'] },
  },
});

// Critical alerts page, the rest go to the team's channel. Credentials stay on the Alertmanager
// host (secretFile) or are filled in when deploying (deployTime); never in this file.
const pager = receiver('shop-pager', pagerduty({ routingKey: secretFile('/etc/alertmanager/secrets/pagerduty-key') }));
const chat = receiver(
  'shop-chat',
  slack({ apiUrl: secretFile('/etc/alertmanager/secrets/slack-url'), channel: '#shop' }),
);

export default project({
  systems: [
    system({
      catalog: shop,
      rules: [alerts],
      slos,
      dashboards: [overview],
      collector: shopCollector,
      description: 'The shop: cart and checkout services.',
    }),
  ],
  alertmanager: alertmanager({
    route: {
      receiver: chat,
      groupBy: ['alertname', 'system'],
      routes: [
        route({ matchers: { severity: 'critical' }, receiver: pager }),
        route({ matchers: { severity: re('warning|info') }, receiver: chat }),
      ],
    },
    inhibitions: [sloBurnInhibitions()],
  }),
});
