// Instrumentation mistakes in the metric catalog: Prometheus' naming and instrumentation practices.
import { bounded, catalog, counter, gauge, histogram, oneOf, project, system, unbounded, type Project } from 'obsgen';
import type { Mistake } from './base.ts';

const NAMING = 'https://prometheus.io/docs/practices/naming/';
const INSTRUMENTATION = 'https://prometheus.io/docs/practices/instrumentation/';

const one = (made: ReturnType<typeof catalog>): Project => project({ systems: [system({ catalog: made })] });

/** The api system with `labels` and `metrics` (15 s scrapes, 2 instances). */
const api = (
  labels: Parameters<typeof catalog>[1]['labels'],
  metrics: Parameters<typeof catalog>[1]['metrics'],
): Project => one(catalog('api', { scrapeInterval: '15s', instances: 2, labels, metrics }));

const requests = (name: string, labels: Record<string, ReturnType<typeof oneOf>> = { route: oneOf('/cart', '/pay') }) =>
  one(
    catalog('api', {
      scrapeInterval: '15s',
      instances: 2,
      labels,
      metrics: { [name]: counter({ help: 'Requests.', labels: ['route'] }) },
    }),
  );

export const CATALOG_MISTAKES: readonly Mistake[] = [
  {
    id: 'catalog/unbounded-label',
    area: 'catalog',
    mistake: 'A label whose values are ids (user, request, trace): every new value is a new series.',
    source: `${INSTRUMENTATION}#do-not-overuse-labels`,
    caughtBy: 'cardinality/unbounded-label',
    bad: () =>
      api(
        { user_id: unbounded('one per user') },
        { requests_total: counter({ help: 'Requests.', labels: ['user_id'] }) },
      ),
    good: () => requests('requests_total'),
  },
  {
    id: 'catalog/series-budget',
    area: 'catalog',
    mistake: 'A metric whose label combinations exceed the series budget the team set.',
    source: `${INSTRUMENTATION}#do-not-overuse-labels`,
    caughtBy: 'cardinality/metric-budget',
    bad: () =>
      api(
        { route: bounded(400, 'routes'), status: bounded(20, 'codes') },
        { requests_total: counter({ help: 'Requests.', labels: ['route', 'status'], budget: 1000 }) },
      ),
    good: () =>
      api(
        { route: bounded(20, 'routes'), status: bounded(5, 'classes') },
        { requests_total: counter({ help: 'Requests.', labels: ['route', 'status'], budget: 1000 }) },
      ),
  },
  {
    id: 'catalog/counter-suffix',
    area: 'catalog',
    mistake: 'A counter not ending in _total.',
    source: NAMING,
    caughtBy: 'naming/counter-suffix',
    bad: () => requests('requests'),
    good: () => requests('requests_total'),
  },
  {
    id: 'catalog/non-base-unit',
    area: 'catalog',
    mistake: 'Milliseconds in a metric: Prometheus uses base units (seconds, bytes).',
    source: `${NAMING}#base-units`,
    caughtBy: 'naming/base-unit',
    bad: () => api({}, { request_duration_milliseconds: gauge({ help: 'Last request duration.', labels: [] }) }),
    good: () =>
      api({}, { request_duration_seconds: gauge({ help: 'Last request duration.', unit: 'seconds', labels: [] }) }),
  },
  {
    id: 'catalog/colon-in-name',
    area: 'catalog',
    mistake: 'A colon in an instrumented metric name: colons are reserved for recording rules.',
    source: 'https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels',
    caughtBy: 'naming/metric-name',
    bad: () => requests('api:requests_total'),
    good: () => requests('api_requests_total'),
  },
  {
    id: 'catalog/instrumented-rate',
    area: 'catalog',
    mistake: 'Exporting a rate (requests per second) instead of a counter: it cannot be aggregated or re-windowed.',
    source: `${INSTRUMENTATION}#counter-vs-gauge-summary-vs-histogram`,
    caughtBy: 'naming/derived-metric',
    bad: () => api({}, { requests_per_second: gauge({ help: 'Request rate.', labels: [] }) }),
    good: () => requests('requests_total'),
  },
  {
    id: 'catalog/bucket-scale',
    area: 'catalog',
    mistake:
      'Millisecond bucket bounds on a seconds histogram (the OTel SDK defaults): every request lands in the first bucket.',
    source: 'https://prometheus.io/docs/practices/histograms/',
    caughtBy: 'catalog/bucket-scale',
    bad: () =>
      api(
        {},
        {
          request_duration_seconds: histogram({
            help: 'Latency.',
            unit: 'seconds',
            labels: [],
            buckets: [5, 10, 25, 50, 100, 250, 500, 1000],
          }),
        },
      ),
    good: () =>
      api(
        {},
        {
          request_duration_seconds: histogram({
            help: 'Latency.',
            unit: 'seconds',
            labels: [],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
          }),
        },
      ),
  },
  {
    id: 'catalog/missing-help',
    area: 'catalog',
    mistake: 'A metric without HELP: the person reading the series has to find the code.',
    source: 'https://prometheus.io/docs/instrumenting/writing_exporters/#help-strings',
    caughtBy: 'catalog/missing-help',
    bad: () => api({ route: oneOf('/cart', '/pay') }, { requests_total: counter({ labels: ['route'] }) }),
    good: () => requests('requests_total'),
  },
  {
    id: 'catalog/target-label-collision',
    area: 'catalog',
    mistake: 'An instrumented label named job or instance: Prometheus renames it exported_job on scrape.',
    source: 'https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config',
    caughtBy: 'naming/label-name',
    bad: () => api({ job: oneOf('import', 'export') }, { jobs_total: counter({ help: 'Jobs run.', labels: ['job'] }) }),
    good: () =>
      api({ task: oneOf('import', 'export') }, { jobs_total: counter({ help: 'Jobs run.', labels: ['task'] }) }),
  },
];
