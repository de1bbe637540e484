// SecFlow's alert (seed 000, "Alerts (Prometheus Rules)") and the critical failures its
// dashboard and health sections watch, plus recording rules for the derived M1 gauges.
import {
  alert,
  by,
  div,
  fires,
  gt,
  increase,
  max,
  re,
  observationCount,
  observationSum,
  promql,
  quiet,
  rate,
  record,
  ruleGroup,
  series,
  sum,
} from 'obsgen';
import { secflow } from './catalog.ts';
import { secflowWorkflows } from './dashboards.ts';

const m = secflow.metrics;

const toolFailureRatio = div(
  sum(rate(m.secflow_tool_failures_total, '5m'), by('plugin_name')),
  sum(rate(m.secflow_plugin_executions_total, '5m'), by('plugin_name')),
);

export const secflowAlerts = ruleGroup('secflow-alerts', {
  rules: [
    // Fix: the document alerts on rate(secflow_tool_failures_total[5m]) > 5, an absolute
    // 5 failures per second that depends on traffic; the share of failed executions does not.
    alert('HighErrorRate', {
      expr: gt(toolFailureRatio, 0.1),
      for: '10m',
      severity: 'warning',
      summary: 'Tool failures are above 10% of plugin executions.',
      description: '{{ $labels.plugin_name }} fails {{ $value | humanizePercentage }} of its executions.',
      runbook: {
        impact: 'Scans that use this plugin produce partial or no findings.',
        diagnosis: [
          'Open the worker logs for the plugin and look for the failing tool invocation (trace_id correlates with the sandbox span).',
          'Check whether the tool binary or its rule set was updated recently.',
        ],
        mitigation: [
          'Pin the previous tool version in the plugin manifest.',
          'Disable the plugin in affected workflow recipes until fixed.',
        ],
      },
      tests: [
        fires('one run in five fails', {
          at: '15m',
          series: [
            series(m.secflow_tool_failures_total.where({ plugin_name: 'nuclei' }), '0+2x80'),
            series(m.secflow_plugin_executions_total.where({ plugin_name: 'nuclei', status: 'success' }), '0+8x80'),
            series(m.secflow_plugin_executions_total.where({ plugin_name: 'nuclei', status: 'failure' }), '0+2x80'),
          ],
          alerts: [{ labels: { plugin_name: 'nuclei' }, value: 0.2 }],
        }),
        quiet('one run in fifty fails', {
          at: '15m',
          series: [
            series(m.secflow_tool_failures_total.where({ plugin_name: 'nuclei' }), '0+1x80'),
            series(m.secflow_plugin_executions_total.where({ plugin_name: 'nuclei', status: 'success' }), '0+49x80'),
            series(m.secflow_plugin_executions_total.where({ plugin_name: 'nuclei', status: 'failure' }), '0+1x80'),
          ],
        }),
      ],
    }),
    alert('WorkflowFailuresHigh', {
      expr: gt(
        div(
          sum(increase(m.secflow_workflows_total.where({ status: 'failure' }), '30m'), by('workflow_name')),
          sum(increase(m.secflow_workflows_total, '30m'), by('workflow_name')),
        ),
        0.25,
      ),
      for: '15m',
      severity: 'critical',
      summary: 'More than a quarter of workflow runs fail.',
      dashboard: { dashboard: secflowWorkflows, panel: 'Workflow Execution Rate' },
      description:
        'Workflow {{ $labels.workflow_name }} failed {{ $value | humanizePercentage }} of its runs in the last 30 minutes.',
      runbook: {
        impact: 'Security scans do not complete; findings are stale.',
        diagnosis: [
          'Find a failed run in the audit log and follow its trace_id to the failing node.',
          'Compare with secflow_node_duration_seconds for timeouts.',
        ],
        mitigation: ['Re-run the workflow once the failing node is fixed or skipped.'],
      },
      tests: [
        fires('half of the runs fail', {
          at: '30m',
          series: [
            series(m.secflow_workflows_total.where({ workflow_name: 'sample-linear', status: 'failure' }), '0+1x150'),
            series(m.secflow_workflows_total.where({ workflow_name: 'sample-linear', status: 'success' }), '0+1x150'),
          ],
          alerts: [{ labels: { workflow_name: 'sample-linear' }, value: 0.5 }],
        }),
        quiet('every run succeeds', {
          at: '30m',
          series: [
            series(m.secflow_workflows_total.where({ workflow_name: 'sample-linear', status: 'failure' }), '0x150'),
            series(m.secflow_workflows_total.where({ workflow_name: 'sample-linear', status: 'success' }), '0+1x150'),
          ],
        }),
      ],
    }),
    alert('SandboxFailures', {
      expr: gt(
        div(
          sum(rate(m.secflow_sandbox_executions_total.where({ outcome: re('failure|timeout') }), '10m')),
          sum(rate(m.secflow_sandbox_executions_total, '10m')),
        ),
        0.5,
      ),
      for: '5m',
      severity: 'critical',
      summary: 'Most sandbox runs fail or time out.',
      description: '{{ $value | humanizePercentage }} of sandbox executions failed or timed out over 10 minutes.',
      runbook: {
        impact: 'Untrusted tools cannot run; scans that need the sandbox stop.',
        diagnosis: ['Check the sandbox host: disk, container runtime, seccomp profile changes.'],
        mitigation: ['Drain and restart the sandbox workers.'],
      },
      tests: [
        fires('three in four sandbox runs time out', {
          at: '15m',
          series: [
            series(m.secflow_sandbox_executions_total.where({ outcome: 'timeout' }), '0+3x80'),
            series(m.secflow_sandbox_executions_total.where({ outcome: 'success' }), '0+1x80'),
          ],
          alerts: [{ labels: {}, value: 0.75 }],
        }),
        quiet('sandbox healthy', {
          at: '15m',
          series: [
            series(m.secflow_sandbox_executions_total.where({ outcome: 'timeout' }), '0x80'),
            series(m.secflow_sandbox_executions_total.where({ outcome: 'success' }), '0+4x80'),
          ],
        }),
      ],
    }),
    alert('WorkerQueueBacklog', {
      expr: gt(max(m.secflow_worker_queue_depth, by('queue')), 100),
      for: '15m',
      severity: 'warning',
      summary: 'Celery tasks are piling up.',
      description: 'Queue {{ $labels.queue }} holds {{ $value | humanize }} pending tasks.',
      tests: [
        fires('500 tasks wait for 20 minutes', {
          at: '20m',
          series: [series(m.secflow_worker_queue_depth.where({ queue: 'scans' }), '500x80')],
          alerts: [{ labels: { queue: 'scans' }, value: 500 }],
        }),
        quiet('a short burst drains', {
          at: '20m',
          series: [series(m.secflow_worker_queue_depth.where({ queue: 'scans' }), '500x20 10x60')],
        }),
      ],
    }),
    alert('SecflowTargetDown', {
      expr: promql`up{job="secflow"} == 0`,
      for: '2m',
      severity: 'critical',
      summary: 'A SecFlow process stopped answering scrapes.',
      description: '{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 2 minutes.',
      tests: [
        fires('the API is down', {
          at: '5m',
          series: [{ series: 'up{instance="api:8000", job="secflow"}', values: '0x20' }],
          alerts: [{ labels: { instance: 'api:8000', job: 'secflow' }, value: 0 }],
        }),
        quiet('the API is up', {
          at: '5m',
          series: [{ series: 'up{instance="api:8000", job="secflow"}', values: '1x20' }],
        }),
      ],
    }),
  ],
});

// The M1 gauges secflow_workflow_avg_node_duration_ms and secflow_workflow_findings_per_second,
// derived from the counters and histograms that aggregate correctly.
export const secflowRecording = ruleGroup('secflow-recording', {
  rules: [
    record(
      'node_type:secflow_node_duration_seconds:mean5m',
      div(
        sum(rate(observationSum(m.secflow_node_duration_seconds), '5m'), by('node_type')),
        sum(rate(observationCount(m.secflow_node_duration_seconds), '5m'), by('node_type')),
      ),
    ),
    record(
      'project:secflow_findings_generated:rate5m',
      sum(rate(m.secflow_findings_generated_total, '5m'), by('project')),
    ),
  ],
});
