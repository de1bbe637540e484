// PromQL and recording-rule mistakes: Prometheus' documentation and pint's checks.
import { record } from 'obsgen';
import { promqlText, recording, shopRules, type Mistake } from './base.ts';

const FUNCTIONS = 'https://prometheus.io/docs/prometheus/latest/querying/functions/';
const HISTOGRAMS = 'https://prometheus.io/docs/practices/histograms/';
const PINT = 'https://cloudflare.github.io/pint/checks/';

/** Two recording rules in one group. */
const twoRecordings = (a: [string, string], b: [string, string]) =>
  shopRules('shop-recordings', [record(a[0], promqlText(a[1])), record(b[0], promqlText(b[1]))]);

export const RULE_MISTAKES: readonly Mistake[] = [
  {
    id: 'rules/rate-of-gauge',
    area: 'rules',
    mistake: 'rate() of a gauge: rate assumes every decrease is a counter reset.',
    source: `${FUNCTIONS}#rate`,
    caughtBy: 'promql/rate-non-counter',
    bad: () => recording('queue:queue_depth:rate5m', 'sum by (queue) (rate(queue_depth[5m]))'),
    good: () => recording('queue:queue_depth:deriv5m', 'sum by (queue) (deriv(queue_depth[5m]))'),
  },
  {
    id: 'rules/sum-then-rate',
    area: 'rules',
    mistake:
      'Aggregating counters before rate() (through a subquery): every reset of one pod becomes a spike of the sum.',
    source: `${FUNCTIONS}#rate`,
    caughtBy: 'promql/counter-raw',
    bad: () => recording('global:request_count:rate5m', 'rate(sum(request_count_total)[5m:1m])'),
    good: () => recording('global:request_count:rate5m', 'sum(rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/raw-counter',
    area: 'rules',
    mistake: "A counter's raw value summed or compared: it only says how long the process has run.",
    source: `${PINT}promql/counter.html`,
    caughtBy: 'promql/counter-raw',
    bad: () => recording('service_name:request_count:sum', 'sum by (service_name) (request_count_total)'),
    good: () =>
      recording('service_name:request_count:increase1h', 'sum by (service_name) (increase(request_count_total[1h]))'),
  },
  {
    id: 'rules/quantile-without-le',
    area: 'rules',
    mistake: 'histogram_quantile() over buckets whose le label an aggregation removed.',
    source: HISTOGRAMS,
    caughtBy: 'promql/histogram-quantile',
    bad: () =>
      recording(
        'service_name:request_duration_seconds:p99_rate5m',
        'histogram_quantile(0.99, sum by (service_name) (rate(request_duration_seconds_bucket[5m])))',
      ),
    good: () =>
      recording(
        'service_name:request_duration_seconds:p99_rate5m',
        'histogram_quantile(0.99, sum by (le, service_name) (rate(request_duration_seconds_bucket[5m])))',
      ),
  },
  {
    id: 'rules/quantile-of-raw-buckets',
    area: 'rules',
    mistake:
      'histogram_quantile() over the buckets without rate(): the quantile of everything since the process started.',
    source: HISTOGRAMS,
    caughtBy: 'promql/histogram-quantile',
    bad: () =>
      recording(
        'service_name:request_duration_seconds:p99',
        'histogram_quantile(0.99, sum by (le, service_name) (request_duration_seconds_bucket))',
      ),
    good: () =>
      recording(
        'service_name:request_duration_seconds:p99_rate5m',
        'histogram_quantile(0.99, sum by (le, service_name) (rate(request_duration_seconds_bucket[5m])))',
      ),
  },
  {
    id: 'rules/average-of-quantiles',
    area: 'rules',
    mistake: "Averaging a summary's quantiles across instances: quantiles do not aggregate.",
    source: HISTOGRAMS,
    caughtBy: 'promql/summary-quantile',
    bad: () =>
      recording(
        'service_name:rpc_duration_seconds:avg_p99',
        'avg by (service_name) (rpc_duration_seconds{quantile="0.99"})',
      ),
    good: () =>
      recording(
        'service_name:rpc_duration_seconds:max_p99',
        'max by (service_name) (rpc_duration_seconds{quantile="0.99"})',
      ),
  },
  {
    id: 'rules/range-too-short',
    area: 'rules',
    mistake: 'A rate() range of two scrape intervals or less: one missed scrape and the series has no value.',
    source: 'https://grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/#use-__rate_interval',
    caughtBy: 'promql/range-too-short',
    bad: () =>
      recording('service_name:request_count:rate30s', 'sum by (service_name) (rate(request_count_total[30s]))'),
    good: () => recording('service_name:request_count:rate1m', 'sum by (service_name) (rate(request_count_total[1m]))'),
  },
  {
    id: 'rules/unknown-metric',
    area: 'rules',
    mistake: 'A metric name with a typo (or renamed by its service): the query returns nothing, silently.',
    source: `${PINT}promql/series.html`,
    caughtBy: 'promql/unknown-metric',
    bad: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(requests_count_total[5m]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/unknown-label',
    area: 'rules',
    mistake: 'Grouping or matching on a label the metric does not carry: one group under the empty value.',
    source: `${PINT}promql/series.html`,
    caughtBy: 'promql/unknown-label',
    bad: () => recording('queue:request_count:rate5m', 'sum by (queue) (rate(request_count_total[5m]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/impossible-value',
    area: 'rules',
    mistake: 'A matcher on a value the label never takes (a service that is not deployed here).',
    source: `${PINT}promql/series.html`,
    caughtBy: 'promql/label-value',
    bad: () => recording('global:request_count:rate5m', 'sum(rate(request_count_total{service_name="billing"}[5m]))'),
    good: () => recording('global:request_count:rate5m', 'sum(rate(request_count_total{service_name="cart"}[5m]))'),
  },
  {
    id: 'rules/label-aggregated-away',
    area: 'rules',
    mistake: 'Grouping by a label an inner aggregation already removed.',
    source: `${PINT}promql/impossible.html`,
    caughtBy: 'promql/impossible',
    bad: () =>
      recording(
        'service_name:request_count:rate5m',
        'sum by (service_name) (sum by (status_code) (rate(request_count_total[5m])))',
      ),
    good: () =>
      recording(
        'service_name:request_count:rate5m',
        'sum by (service_name) (sum by (service_name, status_code) (rate(request_count_total[5m])))',
      ),
  },
  {
    id: 'rules/vector-matching',
    area: 'rules',
    mistake: 'Dividing two vectors aggregated to different labels: no series on one side matches the other.',
    source: `${PINT}promql/vector_matching.html`,
    caughtBy: 'promql/impossible',
    bad: () =>
      recording(
        'service_name:request_errors:ratio_rate5m',
        'sum by (service_name) (rate(request_count_total{status_code="500"}[5m])) / sum by (status_code) (rate(request_count_total[5m]))',
      ),
    good: () =>
      recording(
        'service_name:request_errors:ratio_rate5m',
        'sum by (service_name) (rate(request_count_total{status_code="500"}[5m])) / sum by (service_name) (rate(request_count_total[5m]))',
      ),
  },
  {
    id: 'rules/removed-function',
    area: 'rules',
    mistake:
      'holt_winters(), which Prometheus 3 no longer loads without a feature flag (renamed double_exponential_smoothing).',
    source: 'https://prometheus.io/docs/prometheus/latest/migration/',
    caughtBy: 'promql/compat',
    bad: () => recording('queue:queue_depth:holt_winters10m', 'holt_winters(queue_depth[10m], 0.5, 0.5)'),
    good: () => recording('queue:queue_depth:avg_over_time10m', 'avg_over_time(queue_depth[10m])'),
  },
  {
    id: 'rules/record-name',
    area: 'rules',
    mistake: 'A recording rule not named level:metric:operations.',
    source: 'https://prometheus.io/docs/practices/rules/',
    caughtBy: 'rule/record-name',
    bad: () => recording('request_rate', 'sum by (service_name) (rate(request_count_total[5m]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/record-level',
    area: 'rules',
    mistake: 'A recording whose level names labels it does not keep (job: on a result grouped by service).',
    source: 'https://prometheus.io/docs/practices/rules/',
    caughtBy: 'rule/record-name',
    bad: () => recording('job:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/duplicate-recording',
    area: 'rules',
    mistake: 'Two recording rules writing one series with the same labels: they overwrite each other.',
    source: `${PINT}rule/duplicate.html`,
    caughtBy: 'rule/duplicate',
    bad: () =>
      twoRecordings(
        ['service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'],
        ['service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[10m]))'],
      ),
    good: () =>
      twoRecordings(
        ['service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'],
        ['service_name:request_count:rate10m', 'sum by (service_name) (rate(request_count_total[10m]))'],
      ),
  },
  {
    id: 'rules/expensive',
    area: 'rules',
    mistake: 'A rule reading a month of raw samples at every evaluation.',
    source: `${PINT}query/cost.html`,
    caughtBy: 'promql/expensive',
    bad: () =>
      recording('service_name:request_count:rate30d', 'sum by (service_name) (rate(request_count_total[30d]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
  {
    id: 'rules/needless-regexp',
    area: 'rules',
    mistake: 'A regexp matcher with no regexp in it (=~"cart"): slower than = and easy to misread.',
    source: `${PINT}promql/regexp.html`,
    caughtBy: 'promql/regexp',
    bad: () => recording('global:request_count:rate5m', 'sum(rate(request_count_total{service_name=~"cart"}[5m]))'),
    good: () => recording('global:request_count:rate5m', 'sum(rate(request_count_total{service_name="cart"}[5m]))'),
  },
  {
    id: 'rules/irate-in-rule',
    area: 'rules',
    mistake:
      'irate() in a recording or alerting rule: it reads only the last two samples, so the result jumps with every scrape.',
    source: `${FUNCTIONS}#irate`,
    caughtBy: 'rule/fragile',
    bad: () =>
      recording('service_name:request_count:irate5m', 'sum by (service_name) (irate(request_count_total[5m]))'),
    good: () => recording('service_name:request_count:rate5m', 'sum by (service_name) (rate(request_count_total[5m]))'),
  },
];
