// Agentic browser (docs/seeds/004-agentic-browser.txt): custom agentic metrics of the Python agent (prometheus_client),
// the Go and Python runtime metrics of its mixins, and the meta-monitoring exporters. The document's
// version is test/fixtures/seeds/agentic-browser-as-written.ts.
import { bounded, catalog, counter, gauge, histogram, oneOf, summary } from 'obsgen';

const TOOL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const agenticBrowser = catalog('agentic-browser', {
  scrapeInterval: '15s',
  // Two Python agent replicas and two Go browser-driver replicas.
  instances: 2,
  labels: {
    component: oneOf('cot', 'planner', 'executor', 'critic'),
    success: oneOf('true', 'false'),
    tool_name: bounded(30, 'browser and reasoning tools registered with the agent (web_search, navigate, …)'),
    outcome: oneOf('success', 'failure'),
    decision: oneOf('select_tool', 'plan', 'answer', 'escalate'),
    endpoint: bounded(20, 'agent API routes'),
    status_class: oneOf('2xx', '4xx', '5xx'),
    audit_action: bounded(15, 'audited user and system action types'),
    generation: oneOf('0', '1', '2'),
    cluster: bounded(2, 'Elasticsearch clusters (hot and warm tier)'),
    color: oneOf('green', 'yellow', 'red'),
    plugin_id: bounded(10, 'Fluentd output plugins'),
    type: bounded(5, 'Fluentd output plugin types'),
  },
  metrics: {
    // Agentic metrics. Names carry the agentic_ prefix of the instrumentation example.
    agentic_reasoning_steps_total: counter({ help: 'Reasoning steps executed.', labels: ['component', 'success'] }),
    agentic_tool_calls_total: counter({ help: 'Tool calls, by outcome.', labels: ['tool_name', 'outcome'] }),
    // Fix: the document's cot_chains_completed is a counter without _total.
    agentic_cot_chains_completed_total: counter({ help: 'Chain-of-thought chains completed.' }),
    // Reasoning depth: average_reasoning_depth = rate(_sum) / rate(_count) of this histogram.
    agentic_cot_chain_steps: histogram({
      help: 'Steps per completed chain-of-thought chain.',
      buckets: [1, 2, 3, 5, 8, 13, 21],
    }),
    agentic_decision_latency_seconds: histogram({
      help: 'Time to reach a decision.',
      unit: 'seconds',
      labels: ['decision'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10],
    }),
    agentic_decision_confidence_ratio: histogram({
      help: 'Confidence of decisions, 0..1.',
      unit: 'ratio',
      labels: ['decision'],
      buckets: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
    }),
    // The document's trace_buffer_size does not say what it counts: buffered trace events.
    agentic_trace_buffer_events: gauge({ help: 'Trace events buffered before the flush to Elasticsearch.' }),
    agentic_tool_call_duration_seconds: histogram({
      help: 'Tool call latency.',
      unit: 'seconds',
      labels: ['tool_name'],
      buckets: TOOL_BUCKETS,
    }),
    agentic_active_workflows: gauge({ help: 'Workflows currently running.' }),
    // Fix: the business metrics workflow_success_rate, average_reasoning_depth and tool_error_rate
    // are derived values; they become recording rules over these counters and histograms.
    agentic_workflows_total: counter({ help: 'Workflows finished, by outcome.', labels: ['outcome'] }),
    // Agentic Overview: request rate, error rate and latency of the agent API.
    agentic_requests_total: counter({ help: 'Agent API requests.', labels: ['endpoint', 'status_class'] }),
    agentic_request_duration_seconds: histogram({
      help: 'Agent API request latency.',
      unit: 'seconds',
      labels: ['endpoint'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    agentic_audit_events_total: counter({
      help: 'Audit trail entries written, by action type.',
      labels: ['audit_action'],
    }),

    // Go runtime mixin (client_golang collectors) on the browser-driver replicas.
    go_goroutines: gauge({ help: 'Goroutines that currently exist.' }),
    go_memstats_heap_alloc_bytes: gauge({ help: 'Heap bytes allocated and in use.', unit: 'bytes' }),
    go_gc_duration_seconds: summary({
      help: 'Pause duration of garbage collection cycles.',
      unit: 'seconds',
      quantiles: [0, 0.25, 0.5, 0.75, 1],
    }),
    // Python runtime mixin (prometheus_client's gc and process collectors) on the agent replicas.
    python_gc_collections_total: counter({ help: 'Garbage collections, per generation.', labels: ['generation'] }),
    python_gc_objects_collected_total: counter({
      help: 'Objects collected by the garbage collector, per generation.',
      labels: ['generation'],
    }),
    agentic_python_threads: gauge({ help: 'Python threads alive in the agent.' }),
    agentic_event_loop_lag_seconds: histogram({
      help: 'Delay of asyncio event loop callbacks.',
      unit: 'seconds',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    }),
    process_cpu_seconds_total: counter({ help: 'CPU time of the process.', unit: 'seconds', instances: 4 }),
    process_resident_memory_bytes: gauge({ help: 'Resident memory of the process.', unit: 'bytes', instances: 4 }),

    // Meta-observability: Elasticsearch cluster health and Fluentd buffers (exporters' own names).
    elasticsearch_cluster_health_status: gauge({
      help: 'Whether the cluster health is this colour (1) or not (0).',
      labels: ['cluster', 'color'],
      instances: 1,
    }),
    fluentd_output_status_buffer_queue_length: gauge({
      help: 'Chunks queued in an output buffer.',
      labels: ['plugin_id', 'type'],
      instances: 2,
    }),
    fluentd_output_status_buffer_total_bytes: gauge({
      help: 'Bytes held by an output buffer.',
      unit: 'bytes',
      labels: ['plugin_id', 'type'],
      instances: 2,
    }),
    fluentd_output_status_retry_count: gauge({
      help: 'Retries of an output plugin.',
      labels: ['plugin_id', 'type'],
      instances: 2,
      allow: [
        {
          rule: 'naming/reserved-suffix',
          reason: 'fluent-plugin-prometheus names this gauge; a third-party exporter name cannot be changed here.',
        },
      ],
    }),
  },
});
