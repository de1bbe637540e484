// SecFlow's dashboards (seed 000): the "Example Grafana Dashboard Panels" table and the M5
// dashboard, with the document's queries fixed where they would not work.
import {
  barChart,
  buckets,
  by,
  dashboard,
  heatmap,
  histogramQuantile,
  increase,
  rate,
  re,
  row,
  stat,
  sum,
  table,
  timeseries,
} from 'obsgen';
import { secflow } from './catalog.ts';

const m = secflow.metrics;

export const secflowOverview = dashboard('overview', {
  title: 'SecFlow / Overview',
  description: "The seed's panel table: throughput, scan duration, findings, GC and sandbox failures.",
  variables: [
    {
      kind: 'query',
      name: 'workflow_name',
      label: 'Workflow',
      query: 'label_values(secflow_workflows_total, workflow_name)',
      multi: true,
      includeAll: true,
    },
  ],
  rows: [
    row('Throughput', [
      timeseries('Workflow Throughput', sum(rate(m.secflow_requests_total, '5m'), by('status_class')), {
        unit: 'reqps',
        legend: '{{status_class}}',
        description: 'API requests per second by status class (the seed\u2019s rate(secflow_requests_total[5m])).',
      }),
      // Fix: the seed's "Average Scan Duration" is a 90th percentile, and a Histogram panel of a
      // quantile shows a distribution of percentiles; a time series of p90 per task reads as meant.
      timeseries('Scan Duration p90', histogramQuantile(0.9, m.secflow_task_duration_seconds, { by: ['task_name'] }), {
        unit: 's',
        legend: '{{task_name}}',
        description: '90th percentile of async task (scan) duration per task type.',
      }),
    ]),
    row('Findings and housekeeping', [
      // Fix: the seed sums the raw counter; increase over the range shows findings in the period.
      barChart('Findings per Project', sum(increase(m.secflow_findings_generated_total, '1h'), by('project')), {
        unit: 'short',
        legend: '{{project}}',
        description: 'Findings created per project in the last hour.',
      }),
      stat('GC Efficiency', sum(increase(m.secflow_gc_bytes_reclaimed_total, '1h')), {
        unit: 'bytes',
        description: 'Bytes of stored artefacts reclaimed by garbage collection in the last hour.',
      }),
      // Fix: the seed tabulates the raw counter total; the table shows failures per plugin in the last hour.
      table('Sandbox Failures', sum(increase(m.secflow_tool_failures_total, '1h'), by('plugin_name')), {
        unit: 'short',
        description: 'Failed tool executions per plugin in the last hour.',
      }),
    ]),
  ],
});

export const secflowWorkflows = dashboard('workflows', {
  title: 'SecFlow / Workflows (M5)',
  description: 'The M5 dashboard of the seed: workflow execution rate, duration and findings.',
  variables: [
    {
      kind: 'query',
      name: 'workflow_name',
      label: 'Workflow',
      query: 'label_values(secflow_workflows_total, workflow_name)',
      multi: true,
      includeAll: true,
    },
  ],
  rows: [
    row('Workflows', [
      timeseries(
        'Workflow Execution Rate',
        sum(
          rate(m.secflow_workflows_total.where({ workflow_name: re('$workflow_name') }), '5m'),
          by('workflow_name', 'status'),
        ),
        {
          unit: 'ops',
          legend: '{{workflow_name}} {{status}}',
          description: 'Workflows finished per second, by outcome.',
        },
      ),
      // Fix: the seed's histogram_quantile(0.95, secflow_workflow_duration_seconds) has no _bucket
      // series and no rate(); Prometheus returns nothing. Its title says "Average" but it is p95.
      timeseries(
        'Workflow Duration p95',
        histogramQuantile(0.95, m.secflow_workflow_duration_seconds.where({ workflow_name: re('$workflow_name') }), {
          by: ['workflow_name'],
        }),
        {
          unit: 's',
          legend: '{{workflow_name}}',
          description: '95th percentile of workflow duration per recipe.',
        },
      ),
      heatmap(
        'Workflow Duration Distribution',
        sum(rate(buckets(m.secflow_workflow_duration_seconds), '5m'), by('le')),
        {
          unit: 's',
          legend: '{{le}}',
          description: 'How workflow durations are distributed over the histogram buckets.',
        },
      ),
      // Fix: the seed graphs secflow_findings_total, which no code records; the counter is
      // secflow_findings_generated_total.
      timeseries('Findings Generated', sum(rate(m.secflow_findings_generated_total, '5m'), by('severity')), {
        unit: 'short',
        legend: '{{severity}}',
        description: 'Findings created per second, by severity.',
      }),
    ]),
  ],
});
