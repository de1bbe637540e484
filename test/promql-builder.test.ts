import { describe, expect, it } from 'vitest';
import {
  absent,
  and,
  avgOverTime,
  bounded,
  buckets,
  by,
  catalog,
  clampMin,
  count,
  counter,
  div,
  gauge,
  gt,
  histogram,
  histogramQuantile,
  increase,
  labelReplace,
  lt,
  max,
  observationCount,
  observationSum,
  offset,
  oneOf,
  predictLinear,
  project,
  promql,
  quantileOverTime,
  rate,
  re,
  sub,
  subquery,
  sum,
  system,
  topk,
  unless,
  without,
} from '../src/index.ts';
import { analyzeExpr, analyzePromql } from '../src/promql/analyze.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { renderPromql } from '../src/promql/render.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';

const api = catalog('api', {
  scrapeInterval: '15s',
  instances: 2,
  labels: {
    service_name: oneOf('gateway', 'worker'),
    status_code: bounded(10, 'codes'),
    method: oneOf('GET', 'POST'),
    queue: bounded(3, 'queues'),
  },
  metrics: {
    request_count_total: counter({
      otel: 'request_count',
      help: 'Requests.',
      labels: ['service_name', 'status_code', 'method'],
    }),
    request_duration_seconds: histogram({
      help: 'Latency.',
      unit: 'seconds',
      labels: ['service_name'],
      buckets: [0.1, 0.5, 1, 2, 5],
    }),
    queue_depth: gauge({ help: 'Queue depth.', labels: ['queue'] }),
  },
});
const m = api.metrics;
const seriesCatalog = new SeriesCatalog(project({ systems: [system({ catalog: api })] }));

const errors = sum(rate(m.request_count_total.where({ status_code: re('5..') }), '5m'), by('service_name'));
const total = sum(rate(m.request_count_total, '5m'), by('service_name'));

const CASES: readonly [string, { ast: import('../src/promql/ast.ts').Expr }, string][] = [
  [
    'error ratio',
    gt(div(errors, total), 0.1),
    'sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m])) / sum by (service_name) (rate(request_count_total[5m])) > 0.1',
  ],
  [
    'p95',
    histogramQuantile(0.95, m.request_duration_seconds, { by: ['service_name'] }),
    'histogram_quantile(0.95, sum by (le, service_name) (rate(request_duration_seconds_bucket[5m])))',
  ],
  [
    'mean latency',
    div(
      sum(rate(observationSum(m.request_duration_seconds), '5m'), by('service_name')),
      sum(rate(observationCount(m.request_duration_seconds), '5m'), by('service_name')),
    ),
    'sum by (service_name) (rate(request_duration_seconds_sum[5m])) / sum by (service_name) (rate(request_duration_seconds_count[5m]))',
  ],
  [
    'without',
    sum(increase(m.request_count_total, '1h'), without('method')),
    'sum without (method) (increase(request_count_total[1h]))',
  ],
  [
    'nested arithmetic',
    div(sub(total, errors), total),
    '(sum by (service_name) (rate(request_count_total[5m])) - sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m]))) / sum by (service_name) (rate(request_count_total[5m]))',
  ],
  [
    'matching',
    div(errors, total, { on: ['service_name'], groupLeft: [] }),
    'sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m])) / on (service_name) group_left () sum by (service_name) (rate(request_count_total[5m]))',
  ],
  ['predict_linear', lt(predictLinear(m.queue_depth, '1h', 4 * 3600), 0), 'predict_linear(queue_depth[1h], 14400) < 0'],
  [
    'subquery',
    max(avgOverTime(subquery(errors, '1h', '1m'))),
    'max(avg_over_time(sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m]))[1h:1m]))',
  ],
  ['quantile_over_time', quantileOverTime(0.9, m.queue_depth, '30m'), 'quantile_over_time(0.9, queue_depth[30m])'],
  [
    'offset',
    sub(rate(m.request_count_total, '5m'), rate(offset(m.request_count_total, '1d'), '5m')),
    'rate(request_count_total[5m]) - rate(request_count_total[5m] offset 1d)',
  ],
  [
    'absent',
    absent(m.request_count_total.where({ service_name: 'gateway' })),
    'absent(request_count_total{service_name="gateway"})',
  ],
  [
    'set operators',
    unless(and(errors, total), errors),
    'sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m])) and sum by (service_name) (rate(request_count_total[5m])) unless sum by (service_name) (rate(request_count_total{status_code=~"5.."}[5m]))',
  ],
  ['topk + count', topk(3, count(m.queue_depth, by('queue'))), 'topk(3, count by (queue) (queue_depth))'],
  [
    'label_replace',
    labelReplace(total, 'service', '$1', 'service_name', '(.*)'),
    'label_replace(sum by (service_name) (rate(request_count_total[5m])), "service", "$1", "service_name", "(.*)")',
  ],
  [
    'clamp',
    clampMin(sum(rate(buckets(m.request_duration_seconds), '5m'), by('le')), 0),
    'clamp_min(sum by (le) (rate(request_duration_seconds_bucket[5m])), 0)',
  ],
  [
    'template',
    promql`sum by (method) (rate(${m.request_count_total.where({ method: 'POST' })}[5m])) / ${total}`,
    'sum by (method) (rate(request_count_total{method="POST"}[5m])) / sum by (service_name) (rate(request_count_total[5m]))',
  ],
];

describe('typed query builder', () => {
  it.each(CASES)('%s renders canonically', (_, built, text) => {
    expect(renderPromql(built.ast)).toBe(text);
  });

  it.each(CASES)('%s round-trips through the parser unchanged', (_, built) => {
    const text = renderPromql(built.ast);
    expect(renderPromql(parsePromql(text))).toBe(text);
  });

  it.each(CASES.filter(([name]) => name !== 'template'))('%s is clean against the catalog', (_, built) => {
    expect(analyzeExpr(built.ast, { catalog: seriesCatalog, system: 'api' }).findings).toEqual([]);
  });

  it('infers the labels of results for alert templates', () => {
    expect([
      ...(analyzeExpr(gt(div(errors, total), 0.1).ast, { catalog: seriesCatalog, system: 'api' }).labels.known ?? []),
    ]).toEqual(['service_name']);
    expect([
      ...(analyzeExpr(histogramQuantile(0.95, m.request_duration_seconds, { by: ['service_name'] }).ast, {
        catalog: seriesCatalog,
        system: 'api',
      }).labels.known ?? []),
    ]).toEqual(['service_name']);
  });

  it('keeps a raw template that does not parse, for the build to report at the definition', () => {
    const broken = promql`sum(rate(${m.request_count_total}[5m])`;
    expect(String(broken)).toBe('sum(rate(request_count_total[5m])');
    expect(
      analyzePromql(String(broken), { catalog: seriesCatalog, system: 'api' }).findings.map((f) => f.rule),
    ).toEqual(['promql/syntax']);
  });
});
