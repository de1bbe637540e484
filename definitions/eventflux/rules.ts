// EventFlux alerts (seed 003, Phase 4 "Alert Rules" plus one per component it instruments).
import {
  alert,
  and,
  by,
  div,
  fires,
  gt,
  histogramQuantile,
  histogramSeries,
  max,
  predictLinear,
  promql,
  quiet,
  rate,
  ruleGroup,
  series,
  sum,
} from 'obsgen';
import { eventflux } from './catalog.ts';

const m = eventflux.metrics;
const GiB = 1024 ** 3;

export const eventfluxAlerts = ruleGroup('eventflux-alerts', {
  rules: [
    // Fix: the document writes query_latency_seconds{quantile="0.99"} > 0.1, a summary query on
    // a histogram, which matches no series and never fires.
    alert('HighQueryLatency', {
      expr: gt(histogramQuantile(0.99, m.query_latency_seconds, { by: ['query_id'] }), 0.1),
      for: '5m',
      severity: 'warning',
      summary: 'Query p99 latency is above 100 ms.',
      description: 'Query {{ $labels.query_id }} has high latency: p99 {{ $value | humanizeDuration }}.',
      tests: [
        // Every event takes 0.2 s: the p99 interpolates inside (0.1, 0.5] to 0.496 s.
        fires('events take 200 ms', {
          at: '10m',
          series: histogramSeries(
            m.query_latency_seconds.where({ query_id: 'stock_aggregation' }),
            [{ value: 0.2, count: 100 }],
            60,
          ),
          alerts: [{ labels: { query_id: 'stock_aggregation' }, value: 0.496 }],
        }),
        quiet('events take 2 ms', {
          at: '10m',
          series: histogramSeries(
            m.query_latency_seconds.where({ query_id: 'stock_aggregation' }),
            [{ value: 0.002, count: 100 }],
            60,
          ),
        }),
      ],
    }),
    alert('StreamBackpressure', {
      expr: gt(sum(rate(m.stream_backpressure_events_total, '5m'), by('stream_name')), 100),
      for: '2m',
      severity: 'critical',
      summary: 'A stream junction blocks on full buffers.',
      description: 'Stream {{ $labels.stream_name }} hit backpressure {{ $value | humanize }} times per second.',
      tests: [
        fires('200 blocks per second', {
          at: '10m',
          series: [series(m.stream_backpressure_events_total.where({ stream_name: 'StockStream' }), '0+3000x60')],
          alerts: [{ labels: { stream_name: 'StockStream' }, value: 200 }],
        }),
        quiet('2 blocks per second', {
          at: '10m',
          series: [series(m.stream_backpressure_events_total.where({ stream_name: 'StockStream' }), '0+30x60')],
        }),
      ],
    }),
    alert('QueryErrorsHigh', {
      expr: gt(
        div(
          sum(rate(m.query_execution_errors_total, '5m'), by('query_id')),
          sum(rate(m.query_events_processed_total, '5m'), by('query_id')),
        ),
        0.01,
      ),
      for: '10m',
      severity: 'warning',
      summary: 'A query fails on more than 1% of its events.',
      description: 'Query {{ $labels.query_id }} fails on {{ $value | humanizePercentage }} of events.',
      tests: [
        fires('5 % of events fail', {
          at: '15m',
          series: [
            series(
              m.query_execution_errors_total.where({ query_id: 'stock_aggregation', error_type: 'type' }),
              '0+5x80',
            ),
            series(
              m.query_events_processed_total.where({ query_id: 'stock_aggregation', stream_name: 'StockStream' }),
              '0+100x80',
            ),
          ],
          alerts: [{ labels: { query_id: 'stock_aggregation' }, value: 0.05 }],
        }),
        quiet('no errors', {
          at: '15m',
          series: [
            series(m.query_execution_errors_total.where({ query_id: 'stock_aggregation', error_type: 'type' }), '0x80'),
            series(
              m.query_events_processed_total.where({ query_id: 'stock_aggregation', stream_name: 'StockStream' }),
              '0+100x80',
            ),
          ],
        }),
      ],
    }),
    alert('QueryBufferSaturated', {
      expr: gt(max(m.query_buffer_utilization_ratio, by('query_id')), 0.9),
      for: '10m',
      severity: 'warning',
      summary: 'A query input buffer is nearly full.',
      description: 'Query {{ $labels.query_id }} buffer is {{ $value | humanizePercentage }} full.',
      tests: [
        fires('95 % full', {
          at: '15m',
          series: [series(m.query_buffer_utilization_ratio.where({ query_id: 'stock_aggregation' }), '0.95x80')],
          alerts: [{ labels: { query_id: 'stock_aggregation' }, value: 0.95 }],
        }),
        quiet('half full', {
          at: '15m',
          series: [series(m.query_buffer_utilization_ratio.where({ query_id: 'stock_aggregation' }), '0.5x80')],
        }),
      ],
    }),
    alert('StreamEventsStale', {
      expr: gt(max(m.stream_oldest_event_age_seconds, by('stream_name')), 60),
      for: '5m',
      severity: 'warning',
      summary: 'Events wait in a stream for more than a minute.',
      description: 'The oldest event in {{ $labels.stream_name }} is {{ $value | humanizeDuration }} old.',
      tests: [
        fires('events wait 3 minutes', {
          at: '10m',
          series: [series(m.stream_oldest_event_age_seconds.where({ stream_name: 'StockStream' }), '180x60')],
          alerts: [{ labels: { stream_name: 'StockStream' }, value: 180 }],
        }),
        quiet('events wait 2 seconds', {
          at: '10m',
          series: [series(m.stream_oldest_event_age_seconds.where({ stream_name: 'StockStream' }), '2x60')],
        }),
      ],
    }),
    // Predictive: the buffer is growing so that it passes 1 GiB within the hour.
    alert('StreamBufferFillPredicted', {
      expr: gt(max(predictLinear(m.stream_buffer_size_bytes, '30m', 3600), by('stream_name')), GiB),
      for: '10m',
      severity: 'warning',
      summary: 'A stream buffer is predicted to pass 1 GiB within an hour.',
      description:
        'At its 30-minute trend, {{ $labels.stream_name }} buffers {{ $value | humanize1024 }}B an hour from now.',
      tests: [
        // 5 MB per 15 s: at 40 m the buffer holds 800 MB and grows 1.2 GB an hour: 2 GB = 1.863 GiB.
        fires('the buffer grows 5 MB every scrape', {
          at: '40m',
          series: [series(m.stream_buffer_size_bytes.where({ stream_name: 'StockStream' }), '0+5000000x200')],
          alerts: [{ labels: { stream_name: 'StockStream' }, value: 2e9 }],
        }),
        quiet('the buffer is flat', {
          at: '40m',
          series: [series(m.stream_buffer_size_bytes.where({ stream_name: 'StockStream' }), '500000000x200')],
        }),
      ],
    }),
    alert('ConnectionErrors', {
      expr: gt(sum(rate(m.connection_errors_total, '5m'), by('protocol')), 1),
      for: '10m',
      severity: 'warning',
      summary: 'Client connections keep failing.',
      description: '{{ $labels.protocol }} connections fail {{ $value | humanize }} times per second.',
      tests: [
        fires('5 failures per second', {
          at: '15m',
          series: [series(m.connection_errors_total.where({ protocol: 'grpc', error_type: 'handshake' }), '0+75x80')],
          alerts: [{ labels: { protocol: 'grpc' }, value: 5 }],
        }),
        quiet('rare failures', {
          at: '15m',
          series: [series(m.connection_errors_total.where({ protocol: 'grpc', error_type: 'handshake' }), '0+1x80')],
        }),
      ],
    }),
    alert('NoEventsProcessed', {
      expr: and(promql`sum(queries_active) > 0`, promql`sum(rate(events_processed_total[10m])) == 0`, { on: [] }),
      for: '10m',
      severity: 'critical',
      summary: 'Queries are deployed but no events are processed.',
      description: '{{ $value | printf "%.0f" }} queries are deployed, but no event was processed for 10 minutes.',
      tests: [
        fires('the engine stalls', {
          at: '30m',
          series: [series(m.events_processed_total, '0+100x20 2000+0x120'), series(m.queries_active, '3x140')],
          alerts: [{ labels: {}, value: 3 }],
        }),
        quiet('events flow', {
          at: '30m',
          series: [series(m.events_processed_total, '0+100x140'), series(m.queries_active, '3x140')],
        }),
      ],
    }),
    alert('EngineRestarted', {
      expr: promql`changes(eventflux_start_time_seconds[15m]) > 0`,
      severity: 'info',
      summary: 'The EventFlux engine restarted.',
      description: '{{ $labels.instance }} restarted in the last 15 minutes.',
      tests: [
        fires('a restart', {
          at: '10m',
          series: [
            {
              series: 'eventflux_start_time_seconds{instance="engine-1:9090", job="eventflux"}',
              values: '1000x20 1300x20',
            },
          ],
          alerts: [{ labels: { instance: 'engine-1:9090', job: 'eventflux' } }],
        }),
        quiet('no restart', {
          at: '10m',
          series: [
            { series: 'eventflux_start_time_seconds{instance="engine-1:9090", job="eventflux"}', values: '1000x40' },
          ],
        }),
      ],
    }),
    alert('EngineMemoryHigh', {
      expr: gt(m.process_resident_memory_bytes, 4 * GiB),
      for: '15m',
      severity: 'warning',
      summary: 'The engine uses more than 4 GiB of memory.',
      description: '{{ $labels.instance }} uses {{ $value | humanize1024 }}B resident memory.',
      tests: [
        fires('5 GiB', {
          at: '20m',
          series: [
            {
              series: 'process_resident_memory_bytes{instance="engine-1:9090", job="eventflux"}',
              values: `${5 * GiB}x100`,
            },
          ],
          alerts: [{ labels: { instance: 'engine-1:9090', job: 'eventflux' }, value: 5 * GiB }],
        }),
        quiet('1 GiB', {
          at: '20m',
          series: [
            {
              series: 'process_resident_memory_bytes{instance="engine-1:9090", job="eventflux"}',
              values: `${GiB}x100`,
            },
          ],
        }),
      ],
    }),
    alert('WorkerPoolSaturated', {
      expr: gt(div(sum(m.eventflux_worker_threads.where({ state: 'busy' })), sum(m.eventflux_worker_threads)), 0.9),
      for: '15m',
      severity: 'warning',
      summary: 'Almost every worker thread is busy.',
      description: '{{ $value | humanizePercentage }} of worker threads are busy.',
      tests: [
        fires('19 of 20 busy', {
          at: '20m',
          series: [
            series(m.eventflux_worker_threads.where({ state: 'busy' }), '19x100'),
            series(m.eventflux_worker_threads.where({ state: 'idle' }), '1x100'),
          ],
          alerts: [{ labels: {}, value: 0.95 }],
        }),
        quiet('half busy', {
          at: '20m',
          series: [
            series(m.eventflux_worker_threads.where({ state: 'busy' }), '10x100'),
            series(m.eventflux_worker_threads.where({ state: 'idle' }), '10x100'),
          ],
        }),
      ],
    }),
    alert('EventfluxTargetDown', {
      expr: promql`up{job="eventflux"} == 0`,
      for: '1m',
      severity: 'critical',
      summary: 'An EventFlux engine stopped answering scrapes.',
      description: '{{ $labels.instance }} has been down for more than a minute.',
      tests: [
        fires('the engine is down', {
          at: '5m',
          series: [{ series: 'up{instance="engine-1:9090", job="eventflux"}', values: '0x20' }],
          alerts: [{ labels: { instance: 'engine-1:9090', job: 'eventflux' } }],
        }),
        quiet('the engine is up', {
          at: '5m',
          series: [{ series: 'up{instance="engine-1:9090", job="eventflux"}', values: '1x20' }],
        }),
      ],
    }),
  ],
});
