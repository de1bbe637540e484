// Penguiflow's system-monitoring dashboard (seed 002, "Grafana Dashboards: pre-built dashboards
// for system monitoring"): throughput, latency per node, errors, queues, budgets and tools.
import {
  barChart,
  by,
  dashboard,
  div,
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
import { penguiflow } from './catalog.ts';

const m = penguiflow.metrics;
const flowVar = {
  kind: 'query',
  name: 'flow',
  label: 'Flow',
  query: 'label_values(penguiflow_flows_total, flow)',
  multi: true,
  includeAll: true,
} as const;
const inFlow = { flow: re('$flow') };

export const systemMonitoring = dashboard('system-monitoring', {
  title: 'Penguiflow / System Monitoring',
  description: 'Flows and nodes: throughput, latency, errors, queues, budgets and tool usage.',
  variables: [flowVar],
  rows: [
    row('Throughput and latency', [
      timeseries('Flow throughput', sum(rate(m.penguiflow_flows_total.where(inFlow), '5m'), by('flow', 'outcome')), {
        unit: 'ops',
        legend: '{{flow}} {{outcome}}',
        description: 'Flows finished per second, by outcome.',
      }),
      timeseries('Messages per node', sum(rate(m.penguiflow_messages_processed_total, '5m'), by('node')), {
        unit: 'ops',
        legend: '{{node}}',
        description: 'Messages processed per second by each node.',
      }),
      timeseries(
        'Latency per node (p95)',
        histogramQuantile(0.95, m.penguiflow_node_duration_seconds, { by: ['node'] }),
        { unit: 's', legend: '{{node}}', description: '95th percentile of processing time per node.' },
      ),
      timeseries(
        'Flow duration (p95)',
        histogramQuantile(0.95, m.penguiflow_flow_duration_seconds.where(inFlow), { by: ['flow'] }),
        { unit: 's', legend: '{{flow}}', description: '95th percentile of end-to-end flow time.' },
      ),
    ]),
    row('Errors', [
      timeseries('Errors by node', sum(rate(m.penguiflow_errors_total, '5m'), by('node')), {
        unit: 'ops',
        legend: '{{node}}',
        width: 8,
        description: 'Errors per second by node.',
      }),
      timeseries('Errors by flow', sum(rate(m.penguiflow_errors_total.where(inFlow), '5m'), by('flow')), {
        unit: 'ops',
        legend: '{{flow}}',
        width: 8,
        description: 'Errors per second by flow.',
      }),
      timeseries('Errors by type', sum(rate(m.penguiflow_errors_total, '5m'), by('error_type')), {
        unit: 'ops',
        legend: '{{error_type}}',
        width: 8,
        description: 'Errors per second by error type.',
      }),
    ]),
    row('Queues and budgets', [
      timeseries('Queue depth', m.penguiflow_queue_depth, {
        unit: 'short',
        legend: '{{node}}',
        description: 'Messages waiting in each node queue.',
      }),
      barChart(
        'Budget exhaustion',
        sum(increase(m.penguiflow_budget_exhausted_total.where(inFlow), '1h'), by('flow', 'budget')),
        {
          unit: 'short',
          legend: '{{flow}} {{budget}}',
          description: 'Flows stopped by a hop, token or deadline budget in the last hour.',
        },
      ),
      timeseries('Tokens', sum(rate(m.penguiflow_tokens_total.where(inFlow), '5m'), by('flow', 'token_type')), {
        unit: 'short',
        legend: '{{flow}} {{token_type}}',
        description: 'Model tokens per second by flow, input vs output.',
      }),
      timeseries(
        'Deadline used (p95)',
        histogramQuantile(0.95, m.penguiflow_flow_deadline_used_ratio.where(inFlow), { by: ['flow'] }),
        {
          unit: 'percentunit',
          legend: '{{flow}}',
          max: 1,
          description: 'Share of its deadline the slowest 5 % of flows used.',
        },
      ),
    ]),
    row('Tools and dependencies', [
      stat('Dependencies', m.penguiflow_dependency_up, {
        unit: 'short',
        legend: '{{dependency}}',
        width: 24,
        description: 'Result of the last health check of each external dependency.',
        mappings: [
          { value: 1, text: 'up', color: 'green' },
          { value: 0, text: 'down', color: 'red' },
        ],
      }),
      timeseries('Tool usage', sum(rate(m.penguiflow_tool_calls_total, '5m'), by('tool')), {
        unit: 'ops',
        legend: '{{tool}}',
        description: 'Tool calls per second by tool.',
      }),
      table(
        'Tool error ratio',
        div(
          sum(increase(m.penguiflow_tool_calls_total.where({ tool_outcome: re('error|timeout') }), '1h'), by('tool')),
          sum(increase(m.penguiflow_tool_calls_total, '1h'), by('tool')),
        ),
        {
          unit: 'percentunit',
          description: 'Share of tool calls that failed or timed out in the last hour.',
        },
      ),
    ]),
  ],
});
