// SecFlow (docs/seeds/000-secflow.txt): the M1 in-memory metrics and the M5 Prometheus table, exposed by
// prometheus_client on /metrics of the API and the Celery workers. Names are the exposition names.
// The document's own version, with its defects, is test/fixtures/seeds/secflow-as-written.ts.
import { bounded, catalog, counter, gauge, histogram, oneOf } from 'obsgen';

/** Workflows run minutes, not milliseconds: buckets from 1 s to 30 min. */
const WORKFLOW_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800];
/** Nodes and plugins (one scanner run each) take seconds to minutes. */
const NODE_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export const secflow = catalog('secflow', {
  scrapeInterval: '15s',
  // One API process and two Celery workers expose /metrics.
  instances: 3,
  labels: {
    // Recipes in workflows/ (sample-linear, …); a deployment ships a few dozen.
    workflow_name: bounded(30, 'workflow recipes shipped in workflows/'),
    status: oneOf('success', 'failure'),
    // Node types of the recipe DSL (scan.nuclei, enrich.cve, …); the M1 node_id is a per-recipe
    // instance id and is replaced by its type, which is what the M5 histogram already uses.
    node_type: bounded(25, 'node types of the recipe DSL'),
    plugin_name: bounded(20, 'installed tool plugins (nuclei, …)'),
    // Needed by the "Findings per Project" panel; security projects per deployment stay small.
    project: bounded(50, 'active security projects of one deployment'),
    severity: oneOf('critical', 'high', 'medium', 'low', 'info'),
    method: oneOf('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    status_class: oneOf('1xx', '2xx', '3xx', '4xx', '5xx'),
    task_name: bounded(15, 'Celery task types'),
    outcome: oneOf('success', 'failure', 'timeout'),
    queue: bounded(5, 'Celery queues'),
    cve_source: oneOf('nvd', 'osv', 'ghsa'),
  },
  metrics: {
    // M1 workflow metrics. Fix: workflow_id removed from every metric (unbounded: one value per
    // run); it stays on logs and spans, where the correlation example uses it.
    secflow_workflows_started_total: counter({ help: 'Workflows started.', labels: ['workflow_name'] }),
    // M1's secflow_workflows_completed_total and M5's secflow_workflows_total{status} are one metric.
    secflow_workflows_total: counter({ help: 'Workflows finished, by outcome.', labels: ['workflow_name', 'status'] }),
    // Fix: M1 recorded secflow_workflow_duration_ms; base unit is seconds (the M5 name).
    secflow_workflow_duration_seconds: histogram({
      help: 'Workflow execution duration.',
      unit: 'seconds',
      labels: ['workflow_name'],
      buckets: WORKFLOW_BUCKETS,
    }),
    secflow_nodes_executed_total: counter({
      help: 'Workflow nodes executed.',
      labels: ['node_type', 'plugin_name'],
      combinations: { max: 25, why: 'a node type runs exactly one plugin (scan.nuclei runs nuclei)' },
    }),
    // Fix: M1 recorded secflow_node_duration_ms.
    secflow_node_duration_seconds: histogram({
      help: 'Node execution duration.',
      unit: 'seconds',
      labels: ['node_type'],
      buckets: NODE_BUCKETS,
    }),
    // Fix: M1 recorded this counter with record_gauge (a gauge named *_total); M5's table says
    // Counter. M5's separate Gauge secflow_findings_total duplicated it and is gone.
    secflow_findings_generated_total: counter({
      help: 'Findings created.',
      labels: ['project', 'severity'],
      allow: [
        {
          rule: 'cardinality/metric-budget',
          reason:
            'Findings per project by severity is the dashboard breakdown the seed asks for: 50 × 5 combinations, 750 series.',
        },
      ],
    }),
    secflow_plugins_loaded_total: counter({ help: 'Plugin loads, by outcome.', labels: ['plugin_name', 'status'] }),
    secflow_plugin_executions_total: counter({
      help: 'Plugin executions, by outcome.',
      labels: ['plugin_name', 'status'],
    }),
    // Fix: M1 recorded secflow_plugin_duration_ms.
    secflow_plugin_duration_seconds: histogram({
      help: 'Plugin execution duration.',
      unit: 'seconds',
      labels: ['plugin_name'],
      buckets: NODE_BUCKETS,
    }),
    // Fix: M1 recorded secflow_plugin_memory_mb; base unit is bytes.
    secflow_plugin_memory_bytes: gauge({
      help: 'Memory used by the last run of a plugin.',
      unit: 'bytes',
      labels: ['plugin_name'],
    }),
    // Fix: M1's *_percent and *_mb system gauges in base units (0..1 ratios and bytes).
    secflow_system_cpu_utilization_ratio: gauge({ help: 'Host CPU utilisation, 0..1.', unit: 'ratio' }),
    secflow_system_memory_utilization_ratio: gauge({ help: 'Host memory utilisation, 0..1.', unit: 'ratio' }),
    secflow_system_memory_used_bytes: gauge({ help: 'Host memory in use.', unit: 'bytes' }),
    secflow_system_disk_utilization_ratio: gauge({ help: 'Root filesystem utilisation, 0..1.', unit: 'ratio' }),
    // Fix: M1's secflow_workflow_findings_per_second and secflow_workflow_avg_node_duration_ms
    // (per workflow_id) are derived values; they are computed from the counters and histograms
    // above by recording rules instead of being instrumented.

    // M5 Prometheus table.
    secflow_requests_total: counter({ help: 'API requests handled.', labels: ['method', 'status_class'] }),
    secflow_active_workflows: gauge({ help: 'Workflows currently running.' }),
    secflow_task_duration_seconds: histogram({
      help: 'Async task duration.',
      unit: 'seconds',
      labels: ['task_name'],
      buckets: NODE_BUCKETS,
    }),
    secflow_gc_bytes_reclaimed_total: counter({
      help: 'Bytes reclaimed by garbage collection of stored artefacts.',
      unit: 'bytes',
    }),
    secflow_sandbox_executions_total: counter({ help: 'Sandbox runs, by outcome.', labels: ['outcome'] }),
    secflow_tool_failures_total: counter({ help: 'Failed tool executions.', labels: ['plugin_name'] }),
    secflow_worker_queue_depth: gauge({ help: 'Celery tasks waiting, per queue.', labels: ['queue'] }),
    secflow_cve_enrichment_latency_seconds: histogram({
      help: 'Time per CVE enrichment query.',
      unit: 'seconds',
      labels: ['cve_source'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
  },
});
