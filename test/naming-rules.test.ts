import { describe, expect, it } from 'vitest';
import { bounded, counter, gauge, histogram, oneOf, summary } from '../src/index.ts';
import { compileCatalog, ruleSubjects } from './support/compile.ts';

const base = { scrapeInterval: '15s', instances: 1 } as const;

describe('naming/metric-name', () => {
  it('flags colons, leading __, camelCase and type words; accepts snake_case', () => {
    const { findings } = compileCatalog('names', {
      ...base,
      labels: {},
      metrics: {
        'job:requests:rate5m': gauge({ help: 'Recorded-looking.' }),
        __internal_total: counter({ help: 'Reserved.' }),
        requestsInFlight: gauge({ help: 'Camel.' }),
        queue_depth_gauge: gauge({ help: 'Type word.' }),
        'bad-name': gauge({ help: 'Dash.' }),
        queue_depth: gauge({ help: 'Fine.' }),
      },
    });
    expect(ruleSubjects(findings, 'naming/metric-name').sort()).toEqual([
      'naming/metric-name names/metric/__internal_total',
      'naming/metric-name names/metric/bad-name',
      'naming/metric-name names/metric/job:requests:rate5m',
      'naming/metric-name names/metric/queue_depth_gauge',
      'naming/metric-name names/metric/requestsInFlight',
    ]);
    expect(findings.find((f) => f.subject === 'names/metric/requestsInFlight')?.hint).toContain('requests_in_flight');
  });
});

describe('naming/label-name', () => {
  it('flags reserved, camelCase and target-label collisions', () => {
    const { findings } = compileCatalog('labels', {
      ...base,
      labels: { __meta: oneOf('a'), userTier: oneOf('a'), instance: oneOf('a'), service_name: oneOf('a') },
      metrics: { calls_total: counter({ help: 'Calls.', labels: ['__meta', 'userTier', 'instance', 'service_name'] }) },
    });
    expect(ruleSubjects(findings, 'naming/label-name').sort()).toEqual([
      'naming/label-name labels/label/__meta',
      'naming/label-name labels/label/instance',
      'naming/label-name labels/label/userTier',
    ]);
    expect(findings.find((f) => f.subject === 'labels/label/instance')?.message).toContain('exported_instance');
  });
});

describe('naming/counter-suffix', () => {
  it('wants _total on counters only, with the start-time advice for uptime', () => {
    const { findings } = compileCatalog('counters', {
      ...base,
      labels: {},
      metrics: {
        requests: counter({ help: 'No suffix.' }),
        app_uptime_seconds: counter({ help: 'Uptime as a counter.' }),
        findings_total: gauge({ help: 'Gauge with suffix.' }),
        requests_total: counter({ help: 'Fine.' }),
        in_flight: gauge({ help: 'Fine.' }),
      },
    });
    expect(ruleSubjects(findings, 'naming/counter-suffix').sort()).toEqual([
      'naming/counter-suffix counters/metric/app_uptime_seconds',
      'naming/counter-suffix counters/metric/findings_total',
      'naming/counter-suffix counters/metric/requests',
    ]);
    expect(findings.find((f) => f.subject === 'counters/metric/app_uptime_seconds')?.hint).toContain(
      'start_time_seconds',
    );
  });

  it('does not ask an OTel counter to carry _total: the exporter adds it', () => {
    const { findings } = compileCatalog('otel', {
      ...base,
      labels: {},
      metrics: { request_count_total: counter({ otel: 'request_count', help: 'Requests.' }) },
    });
    expect(findings).toEqual([]);
  });
});

describe('naming/base-unit', () => {
  it('flags non-base units in the name and in the unit, with the renamed metric', () => {
    const { findings } = compileCatalog('units', {
      ...base,
      labels: {},
      metrics: {
        task_duration_ms: histogram({ help: 'ms.', buckets: [10, 100] }),
        cache_size_mb: gauge({ help: 'mb.' }),
        cpu_percent: gauge({ help: 'percent.' }),
        latency: gauge({ help: 'unit only.', unit: 'milliseconds' }),
        task_duration_seconds: histogram({ help: 'Fine.', unit: 'seconds', buckets: [0.1, 1] }),
        disk_utilization_ratio: gauge({ help: 'Fine.', unit: 'ratio' }),
      },
    });
    expect(ruleSubjects(findings, 'naming/base-unit').sort()).toEqual([
      'naming/base-unit units/metric/cache_size_mb',
      'naming/base-unit units/metric/cpu_percent',
      'naming/base-unit units/metric/latency',
      'naming/base-unit units/metric/task_duration_ms',
    ]);
    expect(findings.find((f) => f.subject === 'units/metric/task_duration_ms')?.hint).toContain(
      'task_duration_seconds',
    );
    expect(findings.find((f) => f.subject === 'units/metric/cpu_percent')?.hint).toContain('cpu_ratio');
  });
});

describe('naming/reserved-suffix', () => {
  it('keeps _bucket/_sum/_count and le/quantile for histograms and summaries', () => {
    const { findings } = compileCatalog('reserved', {
      ...base,
      labels: { le: bounded(5, 'bounds'), quantile: oneOf('0.5', '0.99'), query_id: bounded(5, 'q') },
      metrics: {
        queries_active_count: gauge({ help: 'Count suffix.' }),
        latency_bucket: gauge({ help: 'Bucket suffix.' }),
        bytes_sum: counter({ help: 'Sum suffix.' }),
        query_latency_seconds: histogram({
          help: 'Quantile on a histogram.',
          unit: 'seconds',
          labels: ['query_id', 'quantile'],
          buckets: [0.1, 1],
        }),
        slow_requests_total: counter({ help: 'le on a counter.', labels: ['le'] }),
        rpc_duration_seconds: summary({ help: 'Fine.', unit: 'seconds', labels: ['query_id'], quantiles: [0.5, 0.99] }),
      },
    });
    expect(ruleSubjects(findings, 'naming/reserved-suffix').sort()).toEqual([
      'naming/reserved-suffix reserved/metric/bytes_sum',
      'naming/reserved-suffix reserved/metric/latency_bucket',
      'naming/reserved-suffix reserved/metric/queries_active_count',
      'naming/reserved-suffix reserved/metric/query_latency_seconds',
      'naming/reserved-suffix reserved/metric/slow_requests_total',
    ]);
    expect(findings.find((f) => f.subject === 'reserved/metric/query_latency_seconds')?.hint).toContain(
      'histogram_quantile',
    );
  });
});

describe('naming/derived-metric', () => {
  it('is an error on a histogram of a rate and a warning on a gauge', () => {
    const { findings } = compileCatalog('derived', {
      ...base,
      labels: {},
      metrics: {
        workflow_success_rate: histogram({ help: 'Rate as histogram.', buckets: [0.5, 0.9] }),
        findings_per_second: gauge({ help: 'Per second.' }),
        average_reasoning_depth: gauge({ help: 'Average.' }),
        workflows_total: counter({ help: 'Fine.' }),
      },
    });
    const derived = findings.filter((f) => f.rule === 'naming/derived-metric').map((f) => `${f.severity} ${f.subject}`);
    expect(derived.sort()).toEqual([
      'error derived/metric/workflow_success_rate',
      'warning derived/metric/average_reasoning_depth',
      'warning derived/metric/findings_per_second',
    ]);
  });
});

describe('naming/otel-translation', () => {
  it('asks for the stored name as the key', () => {
    const { findings } = compileCatalog('otel', {
      ...base,
      labels: {},
      metrics: { request_count: counter({ otel: 'request_count', help: 'Requests.' }) },
    });
    expect(ruleSubjects(findings)).toEqual(['naming/otel-translation otel/metric/request_count']);
    expect(findings[0]?.hint).toContain('request_count_total');
  });
});
