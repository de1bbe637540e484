// Agentic browser (seed 004): the business metrics as recording rules, and SLO-adjacent,
// anomaly, predictive ("Grafana Alloy predictive alerting") and meta-monitoring alerts
// ("Monitoring the Monitors": scrape success, Fluentd buffers, Elasticsearch, the collector).
import {
  alert,
  avgOverTime,
  by,
  div,
  fires,
  gt,
  lt,
  max,
  mul,
  observationCount,
  observationSum,
  predictLinear,
  promql,
  quiet,
  rate,
  record,
  ruleGroup,
  series,
  sum,
} from 'obsgen';
import { agenticBrowser } from './catalog.ts';

const m = agenticBrowser.metrics;

// Fix: the document's business metrics workflow_success_rate, average_reasoning_depth and
// tool_error_rate were instrumented values; they are recorded from counters and histograms.
const workflowSuccess = div(
  sum(rate(m.agentic_workflows_total.where({ outcome: 'success' }), '5m')),
  sum(rate(m.agentic_workflows_total, '5m')),
);
const reasoningDepth = div(
  sum(rate(observationSum(m.agentic_cot_chain_steps), '5m')),
  sum(rate(observationCount(m.agentic_cot_chain_steps), '5m')),
);
const toolErrorRatio = div(
  sum(rate(m.agentic_tool_calls_total.where({ outcome: 'failure' }), '5m'), by('tool_name')),
  sum(rate(m.agentic_tool_calls_total, '5m'), by('tool_name')),
);

export const agenticRecording = ruleGroup('agentic-recording', {
  rules: [
    record('global:agentic_workflow_success:ratio_rate5m', workflowSuccess),
    record('global:agentic_cot_chain_steps:mean5m', reasoningDepth),
    record('tool_name:agentic_tool_calls:error_ratio_rate5m', toolErrorRatio),
  ],
});

const depth = promql`global:agentic_cot_chain_steps:mean5m`;
const chains = (stepsPerChain: number, minutes: number) => [
  series(observationSum(m.agentic_cot_chain_steps), `0+${stepsPerChain * 4}x${minutes * 4}`),
  series(observationCount(m.agentic_cot_chain_steps), `0+4x${minutes * 4}`),
];

export const agenticAlerts = ruleGroup('agentic-alerts', {
  rules: [
    alert('ToolErrorRateHigh', {
      expr: gt(promql`tool_name:agentic_tool_calls:error_ratio_rate5m`, 0.1),
      for: '10m',
      severity: 'warning',
      summary: 'A tool fails more than 10% of its calls.',
      description: 'Tool {{ $labels.tool_name }} fails {{ $value | humanizePercentage }} of its calls.',
      tests: [
        fires('a quarter of web_search calls fail', {
          at: '15m',
          series: [
            series(m.agentic_tool_calls_total.where({ tool_name: 'web_search', outcome: 'failure' }), '0+1x80'),
            series(m.agentic_tool_calls_total.where({ tool_name: 'web_search', outcome: 'success' }), '0+3x80'),
          ],
          alerts: [{ labels: { tool_name: 'web_search' }, value: 0.25 }],
        }),
        quiet('web_search is healthy', {
          at: '15m',
          series: [
            series(m.agentic_tool_calls_total.where({ tool_name: 'web_search', outcome: 'failure' }), '0x80'),
            series(m.agentic_tool_calls_total.where({ tool_name: 'web_search', outcome: 'success' }), '0+3x80'),
          ],
        }),
      ],
    }),
    alert('WorkflowSuccessLow', {
      expr: lt(promql`global:agentic_workflow_success:ratio_rate5m`, 0.9),
      for: '15m',
      severity: 'warning',
      summary: 'Fewer than 90% of agent workflows succeed.',
      description: 'Only {{ $value | humanizePercentage }} of workflows succeeded over 5 minutes.',
      tests: [
        fires('four in five succeed', {
          at: '20m',
          series: [
            series(m.agentic_workflows_total.where({ outcome: 'success' }), '0+4x100'),
            series(m.agentic_workflows_total.where({ outcome: 'failure' }), '0+1x100'),
          ],
          alerts: [{ labels: {}, value: 0.8 }],
        }),
        quiet('all succeed', {
          at: '20m',
          series: [
            series(m.agentic_workflows_total.where({ outcome: 'success' }), '0+4x100'),
            series(m.agentic_workflows_total.where({ outcome: 'failure' }), '0x100'),
          ],
        }),
      ],
    }),
    // Anomaly: reasoning chains suddenly twice as deep as over the last hour (loops, confusion).
    alert('ReasoningDepthAnomaly', {
      expr: gt(depth, mul(2, avgOverTime(depth, '1h'))),
      for: '5m',
      severity: 'warning',
      summary: 'Reasoning chains are suddenly much deeper than usual.',
      description: 'Chains average {{ $value | printf "%.1f" }} steps, over twice their last-hour average.',
      tests: [
        fires('chains jump from 3 to 12 steps', {
          at: '70m',
          series: [
            series(observationSum(m.agentic_cot_chain_steps), '0+12x240 2880+48x40'),
            series(observationCount(m.agentic_cot_chain_steps), '0+4x280'),
          ],
          alerts: [{ labels: {}, value: 12 }],
        }),
        quiet('chains stay at 3 steps', { at: '70m', series: chains(3, 70) }),
      ],
    }),
    // Predictive: the trace buffer is on course to overflow within the hour.
    alert('TraceBufferOverflowPredicted', {
      expr: gt(max(predictLinear(m.agentic_trace_buffer_events, '30m', 3600)), 10_000),
      for: '10m',
      severity: 'warning',
      summary: 'The trace buffer is predicted to overflow within an hour.',
      description: 'At its 30-minute trend the buffer holds {{ $value | humanize }} events an hour from now.',
      tests: [
        fires('the buffer grows 40 events a scrape', {
          at: '40m',
          series: [series(m.agentic_trace_buffer_events, '0+40x200')],
          alerts: [{ labels: {}, value: 16000 }],
        }),
        quiet('the buffer is flushed', { at: '40m', series: [series(m.agentic_trace_buffer_events, '200x200')] }),
      ],
    }),
    alert('AgentApiErrorRate', {
      expr: gt(
        div(
          sum(rate(m.agentic_requests_total.where({ status_class: '5xx' }), '5m')),
          sum(rate(m.agentic_requests_total, '5m')),
        ),
        0.05,
      ),
      for: '10m',
      severity: 'critical',
      summary: 'More than 5% of agent API requests fail.',
      description: '{{ $value | humanizePercentage }} of agent API requests answer 5xx.',
      tests: [
        fires('one in ten fails', {
          at: '15m',
          series: [
            series(m.agentic_requests_total.where({ endpoint: '/v1/tasks', status_class: '5xx' }), '0+1x80'),
            series(m.agentic_requests_total.where({ endpoint: '/v1/tasks', status_class: '2xx' }), '0+9x80'),
          ],
          alerts: [{ labels: {}, value: 0.1 }],
        }),
        quiet('all succeed', {
          at: '15m',
          series: [series(m.agentic_requests_total.where({ endpoint: '/v1/tasks', status_class: '2xx' }), '0+9x80')],
        }),
      ],
    }),
    // Meta-monitoring.
    alert('ScrapeSuccessLow', {
      expr: promql`avg by (job) (avg_over_time(up[10m])) < 0.9`,
      for: '5m',
      severity: 'critical',
      summary: 'Prometheus fails to scrape a job.',
      description: 'Only {{ $value | humanizePercentage }} of scrapes of {{ $labels.job }} succeeded over 10 minutes.',
      tests: [
        // A 10 m range holds 41 samples at 15 s (both ends included): 21 of them are 1.
        fires('every other scrape fails', {
          at: '20m',
          series: [
            {
              series: 'up{instance="agent-1:8000", job="agentic-agent"}',
              values:
                '1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0 1 0',
            },
          ],
          alerts: [{ labels: { job: 'agentic-agent' }, value: 21 / 41 }],
        }),
        quiet('every scrape succeeds', {
          at: '20m',
          series: [{ series: 'up{instance="agent-1:8000", job="agentic-agent"}', values: '1x80' }],
        }),
      ],
    }),
    alert('FluentdBufferBacklog', {
      expr: gt(max(m.fluentd_output_status_buffer_queue_length, by('plugin_id')), 100),
      for: '10m',
      severity: 'warning',
      summary: 'Fluentd cannot ship logs fast enough.',
      description: 'Output {{ $labels.plugin_id }} has {{ $value | humanize }} chunks queued.',
      tests: [
        fires('400 chunks queued', {
          at: '15m',
          series: [
            series(
              m.fluentd_output_status_buffer_queue_length.where({ plugin_id: 'es-audit', type: 'elasticsearch' }),
              '400x80',
            ),
          ],
          alerts: [{ labels: { plugin_id: 'es-audit' }, value: 400 }],
        }),
        quiet('2 chunks queued', {
          at: '15m',
          series: [
            series(
              m.fluentd_output_status_buffer_queue_length.where({ plugin_id: 'es-audit', type: 'elasticsearch' }),
              '2x80',
            ),
          ],
        }),
      ],
    }),
    alert('FluentdRetrying', {
      expr: gt(max(m.fluentd_output_status_retry_count, by('plugin_id')), 5),
      for: '10m',
      severity: 'warning',
      summary: 'Fluentd keeps retrying an output.',
      description: 'Output {{ $labels.plugin_id }} is at retry {{ $value | printf "%.0f" }}.',
      tests: [
        fires('12 retries', {
          at: '15m',
          series: [
            series(
              m.fluentd_output_status_retry_count.where({ plugin_id: 'es-audit', type: 'elasticsearch' }),
              '12x80',
            ),
          ],
          alerts: [{ labels: { plugin_id: 'es-audit' }, value: 12 }],
        }),
        quiet('no retries', {
          at: '15m',
          series: [
            series(m.fluentd_output_status_retry_count.where({ plugin_id: 'es-audit', type: 'elasticsearch' }), '0x80'),
          ],
        }),
      ],
    }),
    alert('ElasticsearchClusterRed', {
      expr: promql`max by (cluster) (elasticsearch_cluster_health_status{color="red"}) == 1`,
      for: '5m',
      severity: 'critical',
      summary: 'The Elasticsearch cluster holding the audit trail is red.',
      description: 'Cluster {{ $labels.cluster }} is red: primary shards are unassigned and audit events may be lost.',
      tests: [
        fires('the cluster is red', {
          at: '10m',
          series: [series(m.elasticsearch_cluster_health_status.where({ cluster: 'audit', color: 'red' }), '1x60')],
          alerts: [{ labels: { cluster: 'audit' } }],
        }),
        quiet('the cluster is green', {
          at: '10m',
          series: [series(m.elasticsearch_cluster_health_status.where({ cluster: 'audit', color: 'red' }), '0x60')],
        }),
      ],
    }),
    alert('CollectorExportFailures', {
      expr: promql`sum by (exporter) (rate(otelcol_exporter_send_failed_spans_total[5m])) > 0`,
      for: '10m',
      severity: 'warning',
      summary: 'The collector fails to export spans.',
      description: 'Exporter {{ $labels.exporter }} drops {{ $value | humanize }} spans per second.',
      tests: [
        fires('2 spans a second fail', {
          at: '15m',
          series: [
            {
              series: 'otelcol_exporter_send_failed_spans_total{exporter="otlp", instance="alloy:12345", job="alloy"}',
              values: '0+30x80',
            },
          ],
          alerts: [{ labels: { exporter: 'otlp' }, value: 2 }],
        }),
        quiet('no failures', {
          at: '15m',
          series: [
            {
              series: 'otelcol_exporter_send_failed_spans_total{exporter="otlp", instance="alloy:12345", job="alloy"}',
              values: '0x80',
            },
          ],
        }),
      ],
    }),
  ],
});
