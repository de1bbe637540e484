// EventFlux (docs/seeds/003-eventflux.txt): the "Metrics Specification" of the Rust engine, exposed by the
// prometheus crate on GET /metrics. The document's version is test/fixtures/seeds/eventflux-as-written.ts.
import { bounded, catalog, counter, gauge, histogram, oneOf } from 'obsgen';

export const eventflux = catalog('eventflux', {
  scrapeInterval: '15s',
  // Two engine nodes.
  instances: 2,
  labels: {
    query_id: bounded(50, 'queries deployed on one engine'),
    stream_name: bounded(30, 'streams defined by the deployed apps'),
    output_stream: bounded(30, 'streams queries insert into'),
    error_type: bounded(10, 'error kinds of the runtime (parse, type, state, sink, …)'),
    window_type: oneOf('tumbling', 'sliding', 'session', 'length', 'time_batch'),
    component: oneOf('query_runtime', 'stream_junction', 'window_state', 'connections', 'other'),
    protocol: oneOf('grpc', 'tcp', 'http'),
    result: oneOf('accepted', 'rejected'),
    direction: oneOf('received', 'sent'),
    state: oneOf('busy', 'idle'),
    version: bounded(3, 'versions running side by side during a rolling upgrade'),
  },
  metrics: {
    // Query metrics.
    query_events_processed_total: counter({
      help: 'Events a query consumed.',
      labels: ['query_id', 'stream_name'],
      combinations: { max: 75, why: 'a query reads 1-2 streams' },
    }),
    query_events_emitted_total: counter({
      help: 'Events a query emitted.',
      labels: ['query_id', 'output_stream'],
      combinations: { max: 50, why: 'a query inserts into one output stream' },
    }),
    // Fix: the document gives this histogram a quantile label; histograms expose buckets (le),
    // and p50/p95/p99 come from histogram_quantile over them. Buckets from 100 µs to 1 s.
    query_latency_seconds: histogram({
      help: 'Processing latency per event, per query.',
      unit: 'seconds',
      labels: ['query_id'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    }),
    query_execution_errors_total: counter({
      help: 'Query execution errors.',
      labels: ['query_id', 'error_type'],
      combinations: { max: 100, why: 'a query hits about 2 of the 10 error kinds' },
    }),
    // Fix: query_active_count would end in _count, which histograms and summaries own; the
    // engine's `active_queries` gauge is the same value.
    queries_active: gauge({ help: 'Queries currently deployed and running.' }),
    query_window_size_bytes: gauge({
      help: 'Memory held by a query window.',
      unit: 'bytes',
      labels: ['query_id', 'window_type'],
      combinations: { max: 50, why: 'a query has one window type' },
    }),
    // Fix: a 0..1 utilisation names its unit.
    query_buffer_utilization_ratio: gauge({
      help: 'Fill level of a query input buffer, 0..1.',
      unit: 'ratio',
      labels: ['query_id'],
    }),
    events_processed_total: counter({ help: 'Events processed by the engine.' }),

    // Stream metrics.
    stream_events_received_total: counter({ help: 'Events received by a stream junction.', labels: ['stream_name'] }),
    stream_events_sent_total: counter({
      help: 'Events sent by a stream junction to subscribers.',
      labels: ['stream_name'],
    }),
    stream_subscribers_active: gauge({ help: 'Subscribers of a stream.', labels: ['stream_name'] }),
    stream_backpressure_events_total: counter({
      help: 'Times a stream junction blocked on a full buffer.',
      labels: ['stream_name'],
    }),
    stream_buffer_size_bytes: gauge({
      help: 'Bytes buffered in a stream junction.',
      unit: 'bytes',
      labels: ['stream_name'],
    }),
    stream_oldest_event_age_seconds: gauge({
      help: 'Age of the oldest buffered event.',
      unit: 'seconds',
      labels: ['stream_name'],
    }),

    // System metrics.
    // Fix: uptime is not a counter of events; the start time is a gauge and uptime is
    // time() - eventflux_start_time_seconds, which survives restarts and scrapes correctly.
    eventflux_start_time_seconds: gauge({ help: 'Unix time the engine started.', unit: 'seconds' }),
    eventflux_build_info: gauge({ help: 'Always 1; the running version as a label.', labels: ['version'] }),
    eventflux_memory_usage_bytes: gauge({
      help: 'Memory used, per engine component.',
      unit: 'bytes',
      labels: ['component'],
    }),
    // Fix: eventflux_cpu_usage_percent becomes the process collector's CPU seconds; rate() of it
    // is cores in use, which aggregates across nodes where a percentage does not.
    process_cpu_seconds_total: counter({ help: 'CPU time of the engine process.', unit: 'seconds' }),
    process_resident_memory_bytes: gauge({ help: 'Resident memory of the engine process.', unit: 'bytes' }),
    process_open_fds: gauge({ help: 'Open file descriptors of the engine process.' }),
    eventflux_threads_active: gauge({ help: 'Engine threads alive.' }),
    eventflux_worker_threads: gauge({ help: 'Worker pool threads, busy or idle.', labels: ['state'] }),
    eventflux_network_bytes_total: counter({
      help: 'Bytes moved over client connections.',
      unit: 'bytes',
      labels: ['protocol', 'direction'],
    }),

    // Connection metrics.
    connections_active: gauge({ help: 'Open client connections.', labels: ['protocol'] }),
    connections_total: counter({ help: 'Connection attempts, by result.', labels: ['protocol', 'result'] }),
    connection_errors_total: counter({ help: 'Connection errors.', labels: ['protocol', 'error_type'] }),
  },
});
