// Penguiflow's alert configuration (seed 002): threshold-based, pattern-based (anomaly) and
// dependency alerts. Routing to email/Slack/PagerDuty/webhooks keys on the severity label.
import {
  abs,
  alert,
  and,
  avgOverTime,
  by,
  div,
  fires,
  gt,
  histogramQuantile,
  histogramSeries,
  increase,
  max,
  promql,
  quiet,
  rate,
  record,
  ruleGroup,
  series,
  stddevOverTime,
  sub,
  sum,
} from 'obsgen';
import { penguiflow } from './catalog.ts';

const m = penguiflow.metrics;
const nodeErrorRatio = div(
  sum(rate(m.penguiflow_node_events_total.where({ event: 'error' }), '5m'), by('node')),
  sum(rate(m.penguiflow_node_events_total.where({ event: 'start' }), '5m'), by('node')),
);

// Throughput per node, recorded so the anomaly alert can compare it with its own last hour.
const throughput = record(
  'node:penguiflow_messages_processed:rate5m',
  sum(rate(m.penguiflow_messages_processed_total, '5m'), by('node')),
);
const recorded = promql`node:penguiflow_messages_processed:rate5m`;

export const penguiflowRecording = ruleGroup('penguiflow-recording', {
  rules: [throughput, record('node:penguiflow_node_errors:ratio_rate5m', nodeErrorRatio)],
});

export const penguiflowAlerts = ruleGroup('penguiflow-alerts', {
  rules: [
    alert('NodeErrorRateHigh', {
      expr: gt(nodeErrorRatio, 0.05),
      for: '10m',
      severity: 'warning',
      summary: 'A node fails more than 5% of its executions.',
      description: 'Node {{ $labels.node }} fails {{ $value | humanizePercentage }} of the messages it starts.',
      tests: [
        fires('one in ten fails', {
          at: '15m',
          series: [
            series(m.penguiflow_node_events_total.where({ node: 'retriever', event: 'start' }), '0+10x80'),
            series(m.penguiflow_node_events_total.where({ node: 'retriever', event: 'error' }), '0+1x80'),
          ],
          alerts: [{ labels: { node: 'retriever' }, value: 0.1 }],
        }),
        quiet('one in a hundred fails', {
          at: '15m',
          series: [
            series(m.penguiflow_node_events_total.where({ node: 'retriever', event: 'start' }), '0+100x80'),
            series(m.penguiflow_node_events_total.where({ node: 'retriever', event: 'error' }), '0+1x80'),
          ],
        }),
      ],
    }),
    alert('FlowLatencyHigh', {
      expr: gt(histogramQuantile(0.95, m.penguiflow_flow_duration_seconds, { by: ['flow'] }), 60),
      for: '10m',
      severity: 'warning',
      summary: 'The p95 end-to-end flow time is above a minute.',
      description: 'Flow {{ $labels.flow }} p95 is {{ $value | humanizeDuration }}.',
      tests: [
        // Every flow takes 100 s: the p95 interpolates inside (60, 120] to 117 s.
        fires('flows take 100 s', {
          at: '15m',
          series: histogramSeries(
            m.penguiflow_flow_duration_seconds.where({ flow: 'research' }),
            [{ value: 100, count: 2 }],
            80,
          ),
          alerts: [{ labels: { flow: 'research' }, value: 117 }],
        }),
        quiet('flows take 8 s', {
          at: '15m',
          series: histogramSeries(
            m.penguiflow_flow_duration_seconds.where({ flow: 'research' }),
            [{ value: 8, count: 2 }],
            80,
          ),
        }),
      ],
    }),
    alert('QueueDepthHigh', {
      expr: gt(max(m.penguiflow_queue_depth, by('node')), 1000),
      for: '10m',
      severity: 'warning',
      summary: 'A node queue holds more than 1000 messages.',
      description: 'Node {{ $labels.node }} has {{ $value | humanize }} messages waiting.',
      tests: [
        fires('5000 waiting', {
          at: '15m',
          series: [series(m.penguiflow_queue_depth.where({ node: 'retriever' }), '5000x80')],
          alerts: [{ labels: { node: 'retriever' }, value: 5000 }],
        }),
        quiet('20 waiting', {
          at: '15m',
          series: [series(m.penguiflow_queue_depth.where({ node: 'retriever' }), '20x80')],
        }),
      ],
    }),
    // Pattern-based: throughput more than 3 standard deviations away from the node's last hour.
    alert('ThroughputAnomaly', {
      expr: and(
        gt(abs(div(sub(recorded, avgOverTime(recorded, '1h')), stddevOverTime(recorded, '1h'))), 3),
        gt(stddevOverTime(recorded, '1h'), 0),
      ),
      for: '2m',
      severity: 'warning',
      summary: 'Node throughput deviates from its usual pattern.',
      description: 'Throughput of node {{ $labels.node }} is more than 3 standard deviations from its last hour.',
      tests: [
        fires('throughput stops after an hour of 8 and 12 messages per second', {
          at: '67m',
          series: [
            series(
              m.penguiflow_messages_processed_total.where({ node: 'retriever' }),
              '0+120x120 14400+180x120 36000+0x40',
            ),
          ],
          alerts: [{ labels: { node: 'retriever' } }],
        }),
        quiet('throughput keeps alternating between 8 and 12', {
          at: '67m',
          series: [
            series(
              m.penguiflow_messages_processed_total.where({ node: 'retriever' }),
              '0+120x120 14400+180x120 36000+120x40',
            ),
          ],
        }),
      ],
    }),
    alert('DependencyDown', {
      expr: promql`max by (dependency) (penguiflow_dependency_up) == 0`,
      for: '2m',
      severity: 'critical',
      summary: 'An external dependency fails its health check.',
      description: 'Dependency {{ $labels.dependency }} has failed its checks for more than 2 minutes.',
      tests: [
        fires('the vector store is down', {
          at: '5m',
          series: [series(m.penguiflow_dependency_up.where({ dependency: 'vector-store' }), '0x20')],
          alerts: [{ labels: { dependency: 'vector-store' }, value: 0 }],
        }),
        quiet('the vector store is up', {
          at: '5m',
          series: [series(m.penguiflow_dependency_up.where({ dependency: 'vector-store' }), '1x20')],
        }),
      ],
    }),
    alert('BudgetExhaustionSpike', {
      expr: gt(sum(increase(m.penguiflow_budget_exhausted_total, '15m'), by('flow', 'budget')), 5),
      for: '5m',
      severity: 'warning',
      summary: 'Flows keep running out of their hop, token or deadline budget.',
      description:
        'Flow {{ $labels.flow }} ran out of its {{ $labels.budget }} budget {{ $value | printf "%.0f" }} times in 15 minutes.',
      tests: [
        fires('40 exhausted token budgets in 15 minutes', {
          at: '30m',
          series: [
            series(
              m.penguiflow_budget_exhausted_total.where({ flow: 'research', budget: 'tokens' }),
              '0+0.6666666666666666x160',
            ),
          ],
          alerts: [{ labels: { flow: 'research', budget: 'tokens' }, value: 40 }],
        }),
        quiet('one exhausted budget', {
          at: '30m',
          series: [
            series(m.penguiflow_budget_exhausted_total.where({ flow: 'research', budget: 'tokens' }), '0x100 1x60'),
          ],
        }),
      ],
    }),
    alert('PenguiflowTargetDown', {
      expr: promql`up{job="penguiflow"} == 0`,
      for: '2m',
      severity: 'critical',
      summary: 'A Penguiflow worker stopped answering scrapes.',
      description: '{{ $labels.instance }} has been down for more than 2 minutes.',
      tests: [
        fires('a worker is down', {
          at: '5m',
          series: [{ series: 'up{instance="worker-1:9100", job="penguiflow"}', values: '0x20' }],
          alerts: [{ labels: { instance: 'worker-1:9100', job: 'penguiflow' } }],
        }),
        quiet('the worker is up', {
          at: '5m',
          series: [{ series: 'up{instance="worker-1:9100", job="penguiflow"}', values: '1x20' }],
        }),
      ],
    }),
  ],
});
