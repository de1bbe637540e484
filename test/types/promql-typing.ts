// Checked by tsc (test/typecheck.test.ts): the query builder carries label names through
// every step, so a grouping by a label that cannot be there does not compile.
import {
  bounded,
  buckets,
  by,
  catalog,
  counter,
  div,
  gauge,
  gt,
  histogram,
  histogramQuantile,
  labelReplace,
  oneOf,
  rate,
  sum,
  without,
} from 'obsgen';

const shop = catalog('shop-typing', {
  scrapeInterval: '15s',
  instances: 1,
  labels: {
    service_name: oneOf('cart', 'checkout'),
    project: bounded(10, 'projects'),
    status_code: bounded(10, 'codes'),
    task: bounded(5, 'tasks'),
  },
  metrics: {
    requests_total: counter({ labels: ['service_name', 'status_code'] }),
    findings_total: counter({ labels: ['project'] }),
    queue_depth: gauge({ labels: ['task'] }),
    task_duration_seconds: histogram({ unit: 'seconds', labels: ['task'], buckets: [1, 2] }),
  },
});
const m = shop.metrics;

export const ok = [
  sum(rate(m.findings_total, '5m'), by('project')),
  sum(rate(m.requests_total.where({ status_code: '500' }), '5m'), without('status_code')),
  sum(rate(buckets(m.task_duration_seconds), '5m'), by('le', 'task')),
  histogramQuantile(0.9, m.task_duration_seconds, { by: ['task'] }),
  gt(
    div(
      sum(rate(m.requests_total.where({ status_code: '500' }), '5m'), by('service_name')),
      sum(rate(m.requests_total, '5m'), by('service_name')),
      { on: ['service_name'] },
    ),
    0.1,
  ),
  labelReplace(rate(m.requests_total, '5m'), 'code', '$1', 'status_code', '(.*)'),
];

// @ts-expect-error the seed's "sum by (project)" on a metric without project
sum(rate(m.requests_total, '5m'), by('project'));

// @ts-expect-error rate() of a gauge
rate(m.queue_depth, '5m');

// @ts-expect-error a histogram family is not a counter: rate its buckets
rate(m.task_duration_seconds, '5m');

// @ts-expect-error an outer aggregation cannot group by a label the inner one removed
sum(sum(rate(m.requests_total, '5m'), by('service_name')), by('status_code'));

// @ts-expect-error histogram_quantile grouped by a label the histogram does not have
histogramQuantile(0.9, m.task_duration_seconds, { by: ['service_name'] });

div(sum(rate(m.requests_total, '5m'), by('service_name')), sum(rate(m.findings_total, '5m'), by('project')), {
  // @ts-expect-error on() must name a label both sides carry
  on: ['project'],
});

// @ts-expect-error label_replace reads a label the input does not have
labelReplace(rate(m.requests_total, '5m'), 'code', '$1', 'project', '(.*)');
