// AI Teams' alert thresholds (seed 001, "Alert Thresholds and Escalation Policies"). ECS task
// restarts and log-group size are CloudWatch alarms (see the CloudWatch definitions), not
// Prometheus rules: those metrics live in CloudWatch only.
import {
  alert,
  by,
  count,
  div,
  fires,
  gt,
  histogramQuantile,
  histogramSeries,
  increase,
  offset,
  promql,
  quiet,
  rate,
  re,
  record,
  ruleGroup,
  series,
  sum,
  unless,
} from 'obsgen';
import { aiTeams } from './catalog.ts';

const m = aiTeams.metrics;
const requests = m.request_count_total;
const errorRatio = div(
  sum(rate(requests.where({ status_code: re('5..') }), '5m'), by('service_name')),
  sum(rate(requests, '5m'), by('service_name')),
);
const p95 = histogramQuantile(0.95, m.request_duration_seconds, { by: ['service_name'] });

const gateway = {
  service_name: 'api-gateway',
  endpoint: '/api/v1/workflows',
  method: 'POST',
  api_version: 'v1',
} as const;
/** 20 % of gateway requests answer 500: 4 of 20 per scrape interval. */
const twentyPercentErrors = [
  series(requests.where({ ...gateway, status_code: '500' }), '0+4x80'),
  series(requests.where({ ...gateway, status_code: '200' }), '0+16x80'),
];
/** 7 % errors: above the warning threshold, below the critical one. */
const sevenPercentErrors = [
  series(requests.where({ ...gateway, status_code: '500' }), '0+7x80'),
  series(requests.where({ ...gateway, status_code: '200' }), '0+93x80'),
];
const onePercentErrors = [
  series(requests.where({ ...gateway, status_code: '500' }), '0+1x80'),
  series(requests.where({ ...gateway, status_code: '200' }), '0+99x80'),
];
const latency = (seconds: number) =>
  histogramSeries(
    m.request_duration_seconds.where({ service_name: 'api-gateway', endpoint: '/api/v1/workflows', method: 'POST' }),
    [{ value: seconds, count: 10 }],
    80,
  );

export const aiTeamsAlerts = ruleGroup('ai-teams-alerts', {
  rules: [
    // The services push OTLP through the collector, so there is no per-service `up`; a service
    // whose request series stop arriving is down (the health-check view is a CloudWatch alarm).
    alert('ServiceDown', {
      expr: unless(count(offset(requests, '10m'), by('service_name')), count(requests, by('service_name'))),
      for: '2m',
      severity: 'critical',
      summary: 'A service stopped sending telemetry.',
      description: '{{ $labels.service_name }} has sent no request metrics for over 2 minutes.',
      runbook: {
        impact: 'The service is likely down: its requests fail or go unserved.',
        diagnosis: [
          'Check the ECS service events and task health for the service.',
          'Check the OpenTelemetry Collector: a collector outage stops all services at once.',
        ],
        mitigation: ['Restart the ECS service or roll back the last deployment.'],
      },
      tests: [
        fires('the gateway goes silent', {
          at: '13m',
          series: [series(requests.where({ ...gateway, status_code: '200' }), '0+10x20')],
          alerts: [{ labels: { service_name: 'api-gateway' } }],
        }),
        quiet('the gateway keeps reporting', {
          at: '13m',
          series: [series(requests.where({ ...gateway, status_code: '200' }), '0+10x60')],
        }),
      ],
    }),
    alert('HighErrorRate', {
      expr: gt(errorRatio, 0.1),
      for: '5m',
      severity: 'critical',
      // Pairs the critical and warning alert of one symptom: Alertmanager's inhibition silences the warning.
      labels: { symptom: 'error-rate' },
      summary: 'More than 10% of requests fail with 5xx.',
      description: '{{ $labels.service_name }} answers {{ $value | humanizePercentage }} of requests with 5xx.',
      runbook: {
        impact: 'Users see errors on every tenth request or more.',
        diagnosis: [
          'Run the "errors with trace context" Logs Insights query for the service.',
          'Open a failing trace by its tracking_id in the trace backend.',
        ],
        mitigation: [
          'Roll back the last deployment of the service.',
          'Check the AI provider status page when errors come from model calls.',
        ],
      },
      tests: [
        fires('a fifth of gateway requests fail', {
          at: '10m',
          series: twentyPercentErrors,
          alerts: [{ labels: { service_name: 'api-gateway' }, value: 0.2 }],
        }),
        quiet('seven percent errors page nobody', { at: '10m', series: sevenPercentErrors }),
      ],
    }),
    alert('HighLatencyP95', {
      expr: gt(p95, 5),
      for: '5m',
      severity: 'critical',
      // Pairs the critical and warning alert of one symptom: Alertmanager's inhibition silences the warning.
      labels: { symptom: 'latency' },
      summary: 'The p95 request latency is above 5 seconds.',
      description: '{{ $labels.service_name }} p95 latency is {{ $value | humanizeDuration }}.',
      tests: [
        // Every request takes 6 s: the p95 interpolates inside the (5, 10] bucket to 9.75 s.
        fires('every request takes 6 s', {
          at: '10m',
          series: latency(6),
          alerts: [{ labels: { service_name: 'api-gateway' }, value: 9.75 }],
        }),
        quiet('every request takes 0.3 s', { at: '10m', series: latency(0.3) }),
      ],
    }),
    alert('ElevatedErrorRate', {
      expr: gt(errorRatio, 0.05),
      for: '10m',
      severity: 'warning',
      // Pairs the critical and warning alert of one symptom: Alertmanager's inhibition silences the warning.
      labels: { symptom: 'error-rate' },
      summary: 'More than 5% of requests fail with 5xx.',
      description: '{{ $labels.service_name }} answers {{ $value | humanizePercentage }} of requests with 5xx.',
      tests: [
        fires('seven percent errors for 15 minutes', {
          at: '15m',
          series: sevenPercentErrors,
          alerts: [{ labels: { service_name: 'api-gateway' }, value: 0.07 }],
        }),
        quiet('one percent errors', { at: '15m', series: onePercentErrors }),
      ],
    }),
    alert('ElevatedLatencyP95', {
      expr: gt(p95, 2),
      for: '10m',
      severity: 'warning',
      // Pairs the critical and warning alert of one symptom: Alertmanager's inhibition silences the warning.
      labels: { symptom: 'latency' },
      summary: 'The p95 request latency is above 2 seconds.',
      description: '{{ $labels.service_name }} p95 latency is {{ $value | humanizeDuration }}.',
      tests: [
        // Every request takes 3 s: the p95 interpolates inside the (2, 5] bucket to 4.85 s.
        fires('every request takes 3 s', {
          at: '15m',
          series: latency(3),
          alerts: [{ labels: { service_name: 'api-gateway' }, value: 4.85 }],
        }),
        quiet('every request takes 0.3 s', { at: '15m', series: latency(0.3) }),
      ],
    }),
    alert('HighAICost', {
      expr: gt(sum(increase(m.ai_cost_dollars_total, '1h')), 10),
      for: '5m',
      severity: 'warning',
      summary: 'AI spend is above 10 US dollars per hour.',
      description: 'AI models cost {{ $value | printf "%.2f" }} USD in the last hour.',
      tests: [
        fires('12 dollars an hour', {
          at: '75m',
          series: [series(m.ai_cost_dollars_total.where({ model: 'gpt-4o', environment: 'prod' }), '0+0.05x300')],
          alerts: [{ labels: {}, value: 12 }],
        }),
        quiet('3 dollars an hour', {
          at: '75m',
          series: [series(m.ai_cost_dollars_total.where({ model: 'gpt-4o', environment: 'prod' }), '0+0.0125x300')],
        }),
      ],
    }),
    // Info: series usage against the Grafana Cloud free tier (10,000 active series), from the
    // local Prometheus' own head series count.
    alert('GrafanaCloudSeriesUsage', {
      expr: promql`prometheus_tsdb_head_series{job="prometheus"} > 8000`,
      for: '30m',
      severity: 'info',
      summary: 'Active series are above 80% of the Grafana Cloud free tier.',
      description:
        '{{ $labels.instance }} holds {{ $value | printf "%.0f" }} active series of the 10,000 the free tier allows.',
      tests: [
        fires('8,500 series', {
          at: '40m',
          series: [
            { series: 'prometheus_tsdb_head_series{instance="localhost:9090", job="prometheus"}', values: '8500x200' },
          ],
          alerts: [{ labels: { instance: 'localhost:9090', job: 'prometheus' }, value: 8500 }],
        }),
        quiet('4,500 series', {
          at: '40m',
          series: [
            { series: 'prometheus_tsdb_head_series{instance="localhost:9090", job="prometheus"}', values: '4500x200' },
          ],
        }),
      ],
    }),
  ],
});

export const aiTeamsRecording = ruleGroup('ai-teams-recording', {
  rules: [
    record('service_name:request_count:rate5m', sum(rate(requests, '5m'), by('service_name'))),
    record('service_name:request_errors:ratio_rate5m', errorRatio),
    record('model:ai_cost_dollars:increase1h', sum(increase(m.ai_cost_dollars_total, '1h'), by('model'))),
  ],
});
