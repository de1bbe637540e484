// The agentic browser's four pre-built dashboards (seed 004, "Grafana Dashboards").
import {
  barChart,
  buckets,
  by,
  dashboard,
  div,
  heatmap,
  histogramQuantile,
  increase,
  logs,
  rate,
  row,
  stat,
  sum,
  table,
  timeseries,
} from 'obsgen';
import { agenticBrowser } from './catalog.ts';

const m = agenticBrowser.metrics;
const requestLatency = (phi: number) =>
  histogramQuantile(phi, m.agentic_request_duration_seconds, { by: ['endpoint'] });
const toolLatency = (phi: number) =>
  histogramQuantile(phi, m.agentic_tool_call_duration_seconds, { by: ['tool_name'] });

export const agenticOverview = dashboard('overview', {
  title: 'Agentic Browser / Overview',
  description: 'Agent API traffic, errors, latency and running workflows.',
  rows: [
    row('Agent', [
      timeseries('Request rate', sum(rate(m.agentic_requests_total, '5m'), by('endpoint')), {
        unit: 'reqps',
        legend: '{{endpoint}}',
        description: 'Agent API requests per second by endpoint.',
      }),
      timeseries(
        'Error rate',
        div(
          sum(rate(m.agentic_requests_total.where({ status_class: '5xx' }), '5m')),
          sum(rate(m.agentic_requests_total, '5m')),
        ),
        {
          unit: 'percentunit',
          description: 'Share of agent API requests answered with 5xx.',
        },
      ),
      timeseries(
        'P95/P99 latency',
        [
          { query: requestLatency(0.95), legend: 'p95 {{endpoint}}' },
          { query: requestLatency(0.99), legend: 'p99 {{endpoint}}' },
        ],
        {
          unit: 's',
          description: 'p95 and p99 agent API latency by endpoint.',
        },
      ),
      stat('Active workflows', m.agentic_active_workflows, { unit: 'short', description: 'Workflows running now.' }),
    ]),
  ],
});

export const reasoningAnalytics = dashboard('reasoning-analytics', {
  title: 'Agentic Browser / Reasoning Analytics',
  description: 'Chain-of-thought lengths, decision confidence and reasoning steps.',
  rows: [
    row('Reasoning', [
      timeseries(
        'CoT chain length',
        [
          { query: histogramQuantile(0.5, m.agentic_cot_chain_steps), legend: 'median' },
          { query: histogramQuantile(0.95, m.agentic_cot_chain_steps), legend: 'p95' },
        ],
        {
          unit: 'short',
          description: 'Steps per completed chain of thought: median and p95.',
        },
      ),
      heatmap(
        'Decision confidence distribution',
        sum(rate(buckets(m.agentic_decision_confidence_ratio), '5m'), by('le')),
        {
          unit: 'percentunit',
          description: 'How confident decisions are, over the confidence buckets.',
        },
      ),
      // The document's "reasoning step heatmap" has no distribution behind it (steps are counted, not
      // measured); steps per second by component is what the counter shows.
      timeseries('Reasoning steps by component', sum(rate(m.agentic_reasoning_steps_total, '5m'), by('component')), {
        unit: 'ops',
        legend: '{{component}}',
        width: 24,
        description: 'Reasoning steps per second by component.',
      }),
    ]),
  ],
});

export const toolPerformance = dashboard('tool-performance', {
  title: 'Agentic Browser / Tool Performance',
  description: 'Tool call frequency, success and latency.',
  rows: [
    row('Tools', [
      timeseries('Tool call frequency', sum(rate(m.agentic_tool_calls_total, '5m'), by('tool_name')), {
        unit: 'ops',
        legend: '{{tool_name}}',
        description: 'Tool calls per second by tool.',
      }),
      timeseries(
        'Tool success rate',
        div(
          sum(rate(m.agentic_tool_calls_total.where({ outcome: 'success' }), '5m'), by('tool_name')),
          sum(rate(m.agentic_tool_calls_total, '5m'), by('tool_name')),
        ),
        {
          unit: 'percentunit',
          legend: '{{tool_name}}',
          min: 0,
          max: 1,
          description: 'Share of successful calls per tool.',
        },
      ),
      timeseries(
        'Tool latency percentiles',
        [
          { query: toolLatency(0.5), legend: 'p50 {{tool_name}}' },
          { query: toolLatency(0.95), legend: 'p95 {{tool_name}}' },
          { query: toolLatency(0.99), legend: 'p99 {{tool_name}}' },
        ],
        {
          unit: 's',
          width: 24,
          description: 'p50, p95 and p99 tool call latency by tool.',
        },
      ),
    ]),
  ],
});

export const auditTrail = dashboard('audit-trail', {
  title: 'Agentic Browser / Audit Trail',
  description: 'Who did what and which decisions the agent took.',
  rows: [
    row('Audit', [
      barChart('User actions timeline', sum(increase(m.agentic_audit_events_total, '1h'), by('audit_action')), {
        unit: 'short',
        legend: '{{audit_action}}',
        description: 'Audit entries per action type in the last hour.',
      }),
      table('Compliance report', sum(increase(m.agentic_audit_events_total, '1d'), by('audit_action')), {
        unit: 'short',
        description: 'Audit entries per action type over the last day.',
      }),
      // The document keeps logs in Elasticsearch (Kibana); Grafana reads the same entries from
      // Loki when the collector also ships them there. The query matches its audit log fields.
      logs('System decisions log', '{service_name="agentic-browser"} | json | trace_type="decision"', {
        description: 'The agent\u2019s decisions, newest first.',
      }),
    ]),
  ],
});
