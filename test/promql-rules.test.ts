import { describe, expect, it } from 'vitest';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import shopProject from './fixtures/promql-catalog.ts';
import { catalog as defineCatalog, counter, oneOf, project, system } from '../src/index.ts';

const catalog = new SeriesCatalog(shopProject);
const rulesOf = (expr: string): string[] =>
  analyzePromql(expr, { catalog, system: 'shop' }).findings.map((f) => f.rule);

/** Each rule id: expressions that must produce it, and a corrected expression that must be clean. */
const CASES: readonly { rule: string; bad: readonly string[]; good: string }[] = [
  {
    rule: 'promql/syntax',
    bad: ['rate(request_count_total[5m]', 'sum by (service_name (queue_depth)', 'queue_depth{queue="a"'],
    good: 'sum by (queue) (queue_depth)',
  },
  {
    rule: 'promql/type',
    bad: [
      'rate(request_count_total)',
      'sum(request_count_total[5m])',
      '1 > 2',
      'queue_depth and 1',
      'topk("3", queue_depth)',
    ],
    good: 'topk(3, queue_depth)',
  },
  {
    rule: 'promql/unknown-metric',
    bad: ['rate(request_count[5m])', 'rate(requests_count_total[5m])', 'request_duration_seconds > 1'],
    good: 'rate(request_count_total[5m])',
  },
  {
    rule: 'promql/unknown-label',
    bad: [
      'rate(request_count_total{statsu_code="500"}[5m])',
      'sum by (queue) (rate(request_count_total[5m]))',
      'rate(request_count_total{trace_id="abc"}[5m])',
    ],
    good: 'sum by (status_code) (rate(request_count_total[5m]))',
  },
  {
    rule: 'promql/label-value',
    bad: [
      'rate(request_count_total{service_name="billing"}[5m])',
      'rate(request_count_total{service_name=~"pay.*"}[5m])',
    ],
    good: 'rate(request_count_total{service_name=~"cart|checkout"}[5m])',
  },
  {
    rule: 'promql/rate-non-counter',
    bad: ['rate(queue_depth[5m])', 'rate(rpc_duration_seconds[5m])', 'deriv(request_count_total[5m])'],
    good: 'deriv(queue_depth[5m])',
  },
  {
    rule: 'promql/counter-raw',
    bad: ['request_count_total > 100', 'sum(request_count_total)', 'max_over_time(request_count_total[1h])'],
    good: 'sum(increase(request_count_total[1h])) > 100',
  },
  {
    rule: 'promql/histogram-quantile',
    bad: [
      'histogram_quantile(0.95, request_duration_seconds)',
      'histogram_quantile(0.95, sum by (service_name) (rate(request_duration_seconds_bucket[5m])))',
      'histogram_quantile(0.95, request_duration_seconds_bucket)',
      'histogram_quantile(95, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
      'histogram_quantile(0.9, rate(queue_depth[5m]))',
    ],
    good: 'histogram_quantile(0.95, sum by (le, service_name) (rate(request_duration_seconds_bucket[5m])))',
  },
  {
    rule: 'promql/summary-quantile',
    bad: [
      'request_duration_seconds{quantile="0.99"} > 0.1',
      'request_duration_seconds_count{quantile="0.99"}',
      'avg(rpc_duration_seconds{quantile="0.99"})',
    ],
    good: 'max(rpc_duration_seconds{quantile="0.99"})',
  },
  {
    rule: 'promql/range-too-short',
    bad: ['rate(request_count_total[30s])', 'rate(request_count_total[20s])'],
    good: 'rate(request_count_total[1m])',
  },
  {
    rule: 'promql/impossible',
    bad: [
      'sum by (status_code) (sum by (service_name) (rate(request_count_total[5m])))',
      'sum(rate(request_count_total[5m])) / on (service_name) sum by (service_name) (rate(request_count_total[5m]))',
      // Sides aggregated to different labels never pair up.
      'sum by (service_name) (rate(request_count_total[5m])) / sum by (status_code) (rate(request_count_total[5m]))',
      'sum by (service_name) (rate(request_count_total[5m])) / sum(rate(request_count_total[5m]))',
      'sum by (service_name) (rate(request_count_total[5m])) > 0 and sum by (service_name, status_code) (rate(request_count_total[5m])) > 0',
    ],
    good: 'sum by (service_name) (rate(request_count_total[5m])) / on () group_left sum(rate(request_count_total[5m]))',
  },
  {
    rule: 'promql/compat',
    bad: ['holt_winters(queue_depth[1h], 0.5, 0.5)'],
    good: 'predict_linear(queue_depth[1h], 3600)',
  },
];

describe.each(CASES)('$rule', ({ rule, bad, good }) => {
  it.each(bad)('reports %s', (expr) => {
    expect(rulesOf(expr)).toContain(rule);
  });
  it(`is clean on ${good}`, () => {
    expect(rulesOf(good)).toEqual([]);
  });
});

describe('messages a user reads', () => {
  const first = (expr: string) => analyzePromql(expr, { catalog, system: 'shop' }).findings[0];

  it('syntax errors carry the offset as a span (the caret is drawn from it, not pasted in)', () => {
    const finding = first('rate(request_count_total[5m]');
    expect(finding?.message).toBe('unexpected end of input (at character 29)');
    expect(finding?.span).toEqual({ start: 28, end: 28 });
  });

  it('an OTel instrument name points at the stored name', () => {
    expect(first('rate(request_count[5m])')).toMatchObject({
      rule: 'promql/unknown-metric',
      hint: 'Query request_count_total.',
    });
  });

  it('a misspelt label suggests the right one, a dropped label says where it went', () => {
    expect(first('rate(request_count_total{statsu_code="500"}[5m])')?.hint).toBe('Did you mean status_code?');
    expect(first('rate(request_count_total{trace_id="abc"}[5m])')?.message).toContain(
      'the catalog drops it at the collector',
    );
  });

  it('a too-short range says how long it should be', () => {
    expect(first('rate(request_count_total[30s])')).toMatchObject({
      severity: 'warning',
      hint: expect.stringContaining('[1m]'),
    });
    expect(first('rate(request_count_total[20s])')).toMatchObject({ severity: 'error' });
  });
});

describe('promql/counter-raw understands intent', () => {
  it.each([
    'request_count_total == 0',
    'max_over_time(request_count_total{service_name="cart"}[1h]) == 0',
    'request_count_total > 0',
    '0 < request_count_total',
    'request_count_total < 1',
    'sum by (service_name) (request_count_total) <= 0',
  ])('a counter compared with zero asks whether anything ran since start: %s', (expr) => {
    expect(rulesOf(expr)).not.toContain('promql/counter-raw');
  });

  it.each([
    'request_count_total > 100',
    'request_count_total == 5',
    'request_count_total < 2',
    'request_count_total + 0 > 1',
  ])('any other threshold reads the total since start: %s', (expr) => {
    expect(rulesOf(expr)).toContain('promql/counter-raw');
  });
});

describe('promql/counter-raw: counters combined before rate() through a subquery', () => {
  it.each([
    'rate(sum(request_count_total)[5m:1m])',
    'increase(sum by (service_name) (request_count_total)[1h:])',
    'rate((request_count_total + request_count_total)[5m:])',
  ])('%s is a reset hazard', (expr) => {
    expect(rulesOf(expr)).toContain('promql/counter-raw');
  });

  it.each(['sum(rate(request_count_total[5m]))', 'max_over_time(sum(rate(request_count_total[5m]))[1h:])'])(
    '%s rates first',
    (expr) => {
      expect(rulesOf(expr)).not.toContain('promql/counter-raw');
    },
  );
});

describe('target labels', () => {
  const clusterCatalog = (targetLabels?: string[]) =>
    new SeriesCatalog(
      project({
        systems: [
          system({
            catalog: defineCatalog('shop', {
              scrapeInterval: '15s',
              instances: 1,
              ...(targetLabels === undefined ? {} : { targetLabels }),
              labels: { code: oneOf('200') },
              metrics: { requests_total: counter({ help: 'R.', labels: ['code'] }) },
            }),
          }),
        ],
      }),
    );
  const rules = (expr: string, seriesCatalog: SeriesCatalog, system?: string) =>
    analyzePromql(expr, { catalog: seriesCatalog, system }).findings.map((f) => f.rule);

  it('up and scrape_* carry every target label the catalog declares, as its metrics do', () => {
    const withCluster = clusterCatalog(['cluster', 'namespace']);
    for (const expr of [
      'sum by (cluster) (up)',
      'up{namespace="a"} == 0',
      'sum by (cluster) (rate(requests_total[5m]))',
      'max by (cluster) (scrape_duration_seconds)',
    ])
      expect(rules(expr, withCluster, 'shop'), expr).toEqual([]);
    expect(rules('sum by (clustr) (up)', withCluster, 'shop')).toEqual(['promql/unknown-label']);
  });

  it('without a catalog to say which, up may carry any (third-party rules: KubeAPIDown and friends)', () => {
    expect(rules('sum by (cluster) (up{job="apiserver"}) == 0', new SeriesCatalog(project({ systems: [] })))).toEqual(
      [],
    );
  });

  it('a catalog that declares none keeps up to job and instance', () => {
    expect(rules('sum by (cluster) (up)', clusterCatalog(), 'shop')).toEqual(['promql/unknown-label']);
  });
});
