// Penguiflow (docs/seeds/002-penguiflow.txt): the document lists metric categories, not names. Each category
// becomes the counters, histograms and gauges that answer it, exposed in Prometheus format by the
// flow runtime (a Python library; prometheus_client names).
import { bounded, catalog, counter, gauge, histogram, oneOf } from 'obsgen';

const NODE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const FLOW_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export const penguiflow = catalog('penguiflow', {
  scrapeInterval: '15s',
  // Two runtime workers.
  instances: 2,
  labels: {
    node: bounded(20, 'nodes declared in the registered flow graphs'),
    flow: bounded(15, 'registered flow definitions'),
    // Node events of the logging architecture: start, success, error, retry, cancellation.
    event: oneOf('start', 'success', 'error', 'retry', 'cancel'),
    outcome: oneOf('success', 'error', 'cancelled', 'budget_exhausted'),
    error_type: bounded(12, 'exception classes mapped to error categories'),
    budget: oneOf('hops', 'tokens', 'deadline'),
    token_type: oneOf('input', 'output'),
    tool: bounded(25, 'tools registered in the tool catalog'),
    tool_outcome: oneOf('success', 'error', 'timeout'),
    dependency: bounded(8, 'external dependencies: databases, queues, model APIs'),
    security_event: oneOf('authn_failure', 'authz_denied', 'access_granted'),
    rating: oneOf('positive', 'negative'),
  },
  metrics: {
    // Throughput and node events.
    penguiflow_messages_processed_total: counter({ help: 'Messages processed, per node.', labels: ['node'] }),
    penguiflow_node_events_total: counter({ help: 'Node lifecycle events.', labels: ['node', 'event'] }),
    // Latency per node and end-to-end per flow.
    penguiflow_node_duration_seconds: histogram({
      help: 'Processing time per node.',
      unit: 'seconds',
      labels: ['node'],
      buckets: NODE_BUCKETS,
    }),
    penguiflow_flow_duration_seconds: histogram({
      help: 'End-to-end flow time.',
      unit: 'seconds',
      labels: ['flow'],
      buckets: FLOW_BUCKETS,
    }),
    // Flow success rate = flows_total{outcome="success"} / flows_total.
    penguiflow_flows_total: counter({ help: 'Flows finished, by outcome.', labels: ['flow', 'outcome'] }),
    // Error rates by node, flow and error type.
    penguiflow_errors_total: counter({
      help: 'Errors raised by nodes.',
      labels: ['node', 'flow', 'error_type'],
      combinations: { max: 100, why: 'a node runs in 1-2 flows and raises about 3 of the 12 error types' },
    }),
    // Resource utilisation: queue depth per node (CPU and memory from the process collector).
    penguiflow_queue_depth: gauge({ help: 'Messages waiting in a node queue.', labels: ['node'] }),
    process_cpu_seconds_total: counter({ help: 'CPU time of the runtime process.', unit: 'seconds' }),
    process_resident_memory_bytes: gauge({ help: 'Resident memory of the runtime process.', unit: 'bytes' }),
    // Budget compliance: hop, token and deadline budgets.
    penguiflow_budget_exhausted_total: counter({
      help: 'Flows stopped because a budget ran out.',
      labels: ['flow', 'budget'],
    }),
    penguiflow_flow_hops: histogram({
      help: 'Hops a flow took before finishing.',
      labels: ['flow'],
      buckets: [1, 2, 4, 8, 16, 32, 64],
    }),
    penguiflow_tokens_total: counter({ help: 'Model tokens used by flows.', labels: ['flow', 'token_type'] }),
    penguiflow_flow_deadline_used_ratio: histogram({
      help: 'Share of the deadline a flow used, 0..1.',
      unit: 'ratio',
      labels: ['flow'],
      buckets: [0.25, 0.5, 0.75, 0.9, 1],
    }),
    // Tool usage: frequency and performance.
    penguiflow_tool_calls_total: counter({ help: 'Tool invocations, by outcome.', labels: ['tool', 'tool_outcome'] }),
    penguiflow_tool_duration_seconds: histogram({
      help: 'Tool call duration.',
      unit: 'seconds',
      labels: ['tool'],
      buckets: NODE_BUCKETS,
    }),
    // Dependency checks of the health section, for dependency alerts.
    penguiflow_dependency_up: gauge({
      help: 'Whether the last check of a dependency succeeded (1) or not (0).',
      labels: ['dependency'],
    }),
    penguiflow_dependency_request_duration_seconds: histogram({
      help: 'Latency of calls to a dependency.',
      unit: 'seconds',
      labels: ['dependency'],
      buckets: NODE_BUCKETS,
    }),
    // Security events and user engagement.
    penguiflow_security_events_total: counter({
      help: 'Authentication and authorisation events.',
      labels: ['security_event'],
    }),
    penguiflow_user_feedback_total: counter({ help: 'User feedback on flow results.', labels: ['flow', 'rating'] }),
  },
});
