// Grafana dashboard mistakes: Grafana's best practices and panel documentation.
import { dashboard, heatmap, project, row, stat, system, timeseries } from 'obsgen';
import { prometheusCollector } from '../fixtures/prometheus-collector.ts';
import { shop } from '../fixtures/promql-catalog.ts';
import { dashboardProject, type Mistake } from './base.ts';

const BEST_PRACTICES = 'https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/best-practices/';
const RATE_INTERVAL =
  'https://grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/#use-__rate_interval';
const P99 = 'histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket[$__rate_interval])))';
const RATE = 'sum by (service_name) (rate(request_count_total[$__rate_interval]))';

const traffic = (query = RATE, options: { unit?: string } = { unit: 'reqps' }) =>
  dashboardProject([timeseries('Requests', query, { ...options, description: 'Requests per second per service.' })]);

const twoDashboards = (uids: [string, string]) =>
  project({
    systems: [
      system({
        catalog: shop,
        collector: prometheusCollector,
        dashboards: uids.map((uid, i) =>
          dashboard(`shop-${i + 1}`, {
            title: `Shop ${i + 1}`,
            uid,
            rows: [
              row('Traffic', [timeseries('Requests', RATE, { unit: 'reqps', description: 'Requests per second.' })]),
            ],
          }),
        ),
      }),
    ],
  });

export const DASHBOARD_MISTAKES: readonly Mistake[] = [
  {
    id: 'dashboards/fixed-rate-range',
    area: 'dashboards',
    mistake:
      'rate() over a fixed [5m] in a panel: zoomed out it skips samples, at a long scrape interval it shows nothing.',
    source: RATE_INTERVAL,
    caughtBy: 'dashboard/rate-interval',
    bad: () => traffic('sum by (service_name) (rate(request_count_total[5m]))'),
    good: () => traffic(),
  },
  {
    id: 'dashboards/no-unit',
    area: 'dashboards',
    mistake: 'A data panel without a unit: the reader guesses whether 0.2 is seconds, a ratio or requests.',
    source: BEST_PRACTICES,
    caughtBy: 'dashboard/panel-unit',
    bad: () => traffic(RATE, {}),
    good: () => traffic(),
  },
  {
    id: 'dashboards/undeclared-variable',
    area: 'dashboards',
    mistake:
      'A query using $service that the dashboard never declares: Grafana sends it literally and the panel is empty.',
    source: 'https://grafana.com/docs/grafana/latest/dashboards/variables/',
    caughtBy: 'dashboard/undeclared-variable',
    bad: () => traffic('sum by (service_name) (rate(request_count_total{service_name=~"$service"}[$__rate_interval]))'),
    good: () => traffic(),
  },
  {
    id: 'dashboards/heatmap-without-buckets',
    area: 'dashboards',
    mistake: 'A heatmap fed by a gauge instead of histogram buckets: it draws a meaningless distribution.',
    source: 'https://grafana.com/docs/grafana/latest/panels-visualizations/visualizations/heatmap/',
    caughtBy: 'dashboard/heatmap-buckets',
    bad: () =>
      dashboardProject([heatmap('Latency', 'max(queue_depth)', { unit: 'short', description: 'Queue depth.' })]),
    good: () =>
      dashboardProject([
        heatmap('Latency', 'sum by (le) (rate(request_duration_seconds_bucket[$__rate_interval]))', {
          unit: 's',
          description: 'Latency distribution.',
        }),
      ]),
  },
  {
    id: 'dashboards/milliseconds-on-seconds',
    area: 'dashboards',
    mistake: 'Unit ms on a quantile in seconds: every latency reads 1,000 times too small.',
    source: BEST_PRACTICES,
    caughtBy: 'dashboard/unit-mismatch',
    bad: () => dashboardProject([stat('p99 latency', P99, { unit: 'ms', description: 'Slowest 1 %.' })]),
    good: () => dashboardProject([stat('p99 latency', P99, { unit: 's', description: 'Slowest 1 %.' })]),
  },
  {
    id: 'dashboards/percent-on-ratio',
    area: 'dashboards',
    mistake: 'Unit percent (0–100) on an error ratio (0–1): 5 % shows as 0.05 %.',
    source: BEST_PRACTICES,
    caughtBy: 'dashboard/unit-mismatch',
    bad: () =>
      dashboardProject([
        stat(
          'Errors',
          'sum(rate(request_count_total{status_code="500"}[$__rate_interval])) / sum(rate(request_count_total[$__rate_interval]))',
          { unit: 'percent', description: 'Share of failing requests.' },
        ),
      ]),
    good: () =>
      dashboardProject([
        stat(
          'Errors',
          'sum(rate(request_count_total{status_code="500"}[$__rate_interval])) / sum(rate(request_count_total[$__rate_interval]))',
          { unit: 'percentunit', description: 'Share of failing requests.' },
        ),
      ]),
  },
  {
    id: 'dashboards/duplicate-uid',
    area: 'dashboards',
    mistake: 'Two dashboards with one uid: importing the second replaces the first.',
    source: 'https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/',
    caughtBy: 'dashboard/duplicate-uid',
    bad: () => twoDashboards(['shop', 'shop']),
    good: () => twoDashboards(['shop-1', 'shop-2']),
  },
  {
    id: 'dashboards/unknown-metric',
    area: 'dashboards',
    mistake:
      'A panel querying a metric no service exposes (a typo, or an OTel name where Prometheus stores another): "No data".',
    source: BEST_PRACTICES,
    caughtBy: 'promql/unknown-metric',
    bad: () => traffic('sum by (service_name) (rate(request_count[$__rate_interval]))'),
    good: () => traffic(),
  },
  {
    id: 'dashboards/no-data-in-production',
    area: 'dashboards',
    mistake: 'A panel whose series exist in the catalog but not in production (the label was never set there).',
    source: BEST_PRACTICES,
    gap: 'Only the live series can say; `obsgen verify` (issue 26) compares the catalog with them, and previews with data (issue 27) show the empty panel.',
    bad: () => traffic(),
    good: () => traffic(),
  },
  {
    id: 'dashboards/interval-in-rate',
    area: 'dashboards',
    mistake: 'rate() over [$__interval]: at short ranges it covers fewer than two scrapes and the panel has gaps.',
    source: RATE_INTERVAL,
    caughtBy: 'dashboard/rate-interval',
    bad: () => traffic('sum by (service_name) (rate(request_count_total[$__interval]))'),
    good: () => traffic(),
  },
  {
    id: 'dashboards/legend-label',
    area: 'dashboards',
    mistake:
      'A legend naming a label the query aggregated away ({{instance}} on a sum by service): every line has the same name.',
    source: 'https://grafana.com/docs/grafana/latest/datasources/prometheus/query-editor/#options',
    caughtBy: 'dashboard/legend-label',
    bad: () =>
      dashboardProject([
        timeseries('Requests', RATE, { unit: 'reqps', description: 'Requests per second.', legend: '{{instance}}' }),
      ]),
    good: () =>
      dashboardProject([
        timeseries('Requests', RATE, {
          unit: 'reqps',
          description: 'Requests per second.',
          legend: '{{service_name}}',
        }),
      ]),
  },
  {
    id: 'dashboards/raw-counter',
    area: 'dashboards',
    mistake:
      "A stat panel showing a counter's raw value: it shows how long the process has been up, and drops at every restart.",
    source: 'https://prometheus.io/docs/concepts/metric_types/#counter',
    caughtBy: 'promql/counter-raw',
    bad: () =>
      dashboardProject([stat('Requests', 'sum(request_count_total)', { unit: 'short', description: 'Requests.' })]),
    good: () =>
      dashboardProject([
        stat('Requests', 'sum(increase(request_count_total[$__range]))', {
          unit: 'short',
          description: 'Requests in the range.',
        }),
      ]),
  },
];
