// EventFlux's four operational dashboards (seed 003, "Operational Dashboards").
import {
  by,
  dashboard,
  div,
  histogramQuantile,
  max,
  mul,
  rate,
  re,
  row,
  stat,
  sub,
  sum,
  table,
  time,
  timeseries,
} from 'obsgen';
import { eventflux } from './catalog.ts';

const m = eventflux.metrics;
const queryVar = {
  kind: 'query',
  name: 'query_id',
  label: 'Query',
  query: 'label_values(query_events_processed_total, query_id)',
  multi: true,
  includeAll: true,
} as const;
const streamVar = {
  kind: 'query',
  name: 'stream_name',
  label: 'Stream',
  query: 'label_values(stream_events_received_total, stream_name)',
  multi: true,
  includeAll: true,
} as const;
const inQuery = { query_id: re('$query_id') };
const inStream = { stream_name: re('$stream_name') };
const cpu = sum(rate(m.process_cpu_seconds_total, '5m'));

export const overview = dashboard('overview', {
  title: 'EventFlux / Overview',
  description: 'Engine health at a glance: uptime, version, load, resources, errors.',
  rows: [
    row('Engine', [
      stat('Uptime', sub(time(), max(m.eventflux_start_time_seconds)), {
        unit: 's',
        width: 4,
        description: 'Time since the engine started.',
      }),
      table('Version', 'eventflux_build_info', {
        unit: 'short',
        width: 4,
        legend: '{{version}}',
        description: 'Running versions (more than one during a rolling upgrade).',
      }),
      stat('Active queries', m.queries_active, {
        unit: 'short',
        width: 4,
        description: 'Queries deployed and running.',
      }),
      timeseries('Events processed', sum(rate(m.events_processed_total, '5m')), {
        unit: 'ops',
        width: 12,
        description: 'Events processed per second by the engine.',
      }),
    ]),
    row('Resources and errors', [
      timeseries('CPU', cpu, {
        unit: 'percentunit',
        width: 8,
        description: 'CPU used by the engine process (1 = one core).',
      }),
      timeseries('Memory', m.process_resident_memory_bytes, {
        unit: 'bytes',
        width: 8,
        description: 'Resident memory of the engine process.',
      }),
      timeseries('Errors', sum(rate(m.query_execution_errors_total, '5m'), by('error_type')), {
        unit: 'ops',
        width: 8,
        legend: '{{error_type}}',
        description: 'Query execution errors per second by kind.',
      }),
    ]),
  ],
});

const queryLatency = (phi: number) =>
  histogramQuantile(phi, m.query_latency_seconds.where(inQuery), { by: ['query_id'] });

export const queryPerformance = dashboard('query-performance', {
  title: 'EventFlux / Query Performance',
  description: 'Per-query throughput, latency, errors and buffers.',
  variables: [queryVar],
  rows: [
    row('Queries', [
      timeseries('Query throughput', sum(rate(m.query_events_processed_total.where(inQuery), '5m'), by('query_id')), {
        unit: 'ops',
        legend: '{{query_id}}',
        description: 'Events each query processes per second.',
      }),
      timeseries(
        'Query latency',
        [
          { query: queryLatency(0.5), legend: 'p50 {{query_id}}' },
          { query: queryLatency(0.95), legend: 'p95 {{query_id}}' },
          { query: queryLatency(0.99), legend: 'p99 {{query_id}}' },
        ],
        {
          unit: 's',
          description: 'p50, p95 and p99 processing latency per query.',
        },
      ),
      timeseries(
        'Query error rate',
        div(
          sum(rate(m.query_execution_errors_total.where(inQuery), '5m'), by('query_id')),
          sum(rate(m.query_events_processed_total.where(inQuery), '5m'), by('query_id')),
        ),
        {
          unit: 'percentunit',
          legend: '{{query_id}}',
          description: 'Errors per processed event, per query.',
        },
      ),
      timeseries('Query buffer utilization', m.query_buffer_utilization_ratio.where(inQuery), {
        unit: 'percentunit',
        legend: '{{query_id}}',
        max: 1,
        description: 'How full each query\u2019s input buffer is.',
      }),
      // "Query execution timeline": when each query emitted output, as events emitted per second.
      timeseries(
        'Query execution timeline',
        sum(rate(m.query_events_emitted_total.where(inQuery), '5m'), by('query_id')),
        {
          unit: 'ops',
          legend: '{{query_id}}',
          width: 24,
          description: 'Events each query emits per second over time.',
        },
      ),
    ]),
  ],
});

export const streamMonitoring = dashboard('stream-monitoring', {
  title: 'EventFlux / Stream Monitoring',
  description: 'Per-stream throughput, backpressure, subscribers and buffers.',
  variables: [streamVar],
  rows: [
    row('Streams', [
      timeseries(
        'Stream throughput',
        sum(rate(m.stream_events_received_total.where(inStream), '5m'), by('stream_name')),
        { unit: 'ops', legend: '{{stream_name}}', description: 'Events received per second per stream.' },
      ),
      timeseries(
        'Backpressure events',
        sum(rate(m.stream_backpressure_events_total.where(inStream), '5m'), by('stream_name')),
        {
          unit: 'ops',
          legend: '{{stream_name}}',
          description: 'Backpressure events per second; StreamBackpressure fires above 100/s.',
          thresholds: [
            { value: 0, color: 'green' },
            { value: 100, color: 'red' },
          ],
          thresholdLines: true,
        },
      ),
      timeseries('Subscribers', m.stream_subscribers_active.where(inStream), {
        unit: 'short',
        legend: '{{stream_name}}',
        width: 8,
        description: 'Active subscribers per stream.',
      }),
      timeseries('Buffer size', m.stream_buffer_size_bytes.where(inStream), {
        unit: 'bytes',
        legend: '{{stream_name}}',
        width: 8,
        description: 'Bytes buffered per stream.',
      }),
      timeseries('Oldest event age', m.stream_oldest_event_age_seconds.where(inStream), {
        unit: 's',
        legend: '{{stream_name}}',
        width: 8,
        description: 'Age of the oldest undelivered event per stream.',
      }),
    ]),
  ],
});

export const systemResources = dashboard('system-resources', {
  title: 'EventFlux / System Resources',
  description: 'CPU, memory, threads, file descriptors and network of the engine process.',
  rows: [
    row('Process', [
      timeseries('CPU usage', cpu, {
        unit: 'percentunit',
        description: 'CPU used by the engine process (1 = one core).',
      }),
      timeseries('Memory usage', sum(m.eventflux_memory_usage_bytes, by('component')), {
        unit: 'bytes',
        legend: '{{component}}',
        description: 'Memory by engine component.',
      }),
      timeseries(
        'Thread pool utilization',
        div(sum(m.eventflux_worker_threads.where({ state: 'busy' })), sum(m.eventflux_worker_threads)),
        { unit: 'percentunit', max: 1, description: 'Share of worker threads busy.' },
      ),
      // "Disk I/O (if applicable)": the engine keeps state in memory; open files are its disk footprint.
      timeseries('Open files', m.process_open_fds, {
        unit: 'short',
        description: 'File descriptors the engine holds open.',
      }),
      timeseries(
        'Network throughput',
        mul(sum(rate(m.eventflux_network_bytes_total, '5m'), by('protocol', 'direction')), 8),
        {
          unit: 'bps',
          legend: '{{protocol}} {{direction}}',
          width: 24,
          description: 'Bits per second by protocol and direction.',
        },
      ),
    ]),
  ],
});
