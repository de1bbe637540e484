// OpenTelemetry Collector mistakes: the collector's configuration, component and security documentation.
import { collector, project, promql, record, ruleGroup, system, type ComponentConfig } from 'obsgen';
import { shop } from '../fixtures/promql-catalog.ts';
import { collectorProject, type Mistake } from './base.ts';

const CONFIGURATION = 'https://opentelemetry.io/docs/collector/configuration/';
const MEMORY_LIMITER =
  'https://github.com/open-telemetry/opentelemetry-collector/blob/main/processor/memorylimiterprocessor/README.md';
const SECURITY = 'https://opentelemetry.io/docs/security/config-best-practices/';
const LIMITER = { check_interval: '1s', limit_mib: 256 };

/** The shop system with a recording rule on status_code, behind processors that may delete it. */
const statusBehind = (processors: Record<string, ComponentConfig>) =>
  project({
    systems: [
      system({
        catalog: shop,
        collector: collector({
          receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
          processors,
          exporters: { prometheus: { endpoint: '0.0.0.0:8889' } },
          pipelines: {
            metrics: { receivers: ['otlp'], processors: Object.keys(processors), exporters: ['prometheus'] },
          },
        }),
        rules: [
          ruleGroup('shop-recordings', {
            rules: [
              record('status_code:request_count:rate5m', promql`sum by (status_code) (rate(request_count_total[5m]))`),
            ],
          }),
        ],
      }),
    ],
  });

/** The shop system whose collector also has a logs pipeline, exporting to `exporters`. */
const logsTo = (exporters: ('debug' | 'prometheus')[]) =>
  project({
    systems: [
      system({
        catalog: shop,
        collector: collector({
          receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
          processors: { memory_limiter: LIMITER, batch: {} },
          exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, debug: {} },
          pipelines: {
            metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheus'] },
            logs: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters },
          },
        }),
      }),
    ],
  });

export const COLLECTOR_MISTAKES: readonly Mistake[] = [
  {
    id: 'collector/no-memory-limiter',
    area: 'collector',
    mistake:
      'A pipeline without memory_limiter: under a burst the collector grows until it is killed, and every signal is lost.',
    source: MEMORY_LIMITER,
    caughtBy: 'otel/processor-order',
    bad: () => collectorProject({ processors: { batch: {} } }),
    good: () => collectorProject({}),
  },
  {
    id: 'collector/memory-limiter-not-first',
    area: 'collector',
    mistake: 'memory_limiter after other processors: it refuses data only once they have spent the memory.',
    source: MEMORY_LIMITER,
    caughtBy: 'otel/processor-order',
    bad: () =>
      collectorProject({ processors: { batch: {}, memory_limiter: LIMITER }, chain: ['batch', 'memory_limiter'] }),
    good: () => collectorProject({}),
  },
  {
    id: 'collector/memory-limiter-check-interval',
    area: 'collector',
    mistake: 'memory_limiter without check_interval: the collector does not start.',
    source: MEMORY_LIMITER,
    caughtBy: 'otel/required-field',
    bad: () => collectorProject({ processors: { memory_limiter: { limit_mib: 256 }, batch: {} } }),
    good: () => collectorProject({}),
  },
  {
    id: 'collector/removed-exporter',
    area: 'collector',
    mistake: 'The logging exporter, removed from the collector (use debug).',
    source: 'https://github.com/open-telemetry/opentelemetry-collector/blob/main/exporter/debugexporter/README.md',
    caughtBy: 'otel/deprecated-component',
    bad: () => collectorProject({ exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, logging: {} } }),
    good: () => collectorProject({ exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, debug: {} } }),
  },
  {
    id: 'collector/port-8888',
    area: 'collector',
    mistake: 'A prometheus exporter on 8888, where the collector serves its own metrics: one of them fails to bind.',
    source: 'https://opentelemetry.io/docs/collector/internal-telemetry/',
    caughtBy: 'otel/port-conflict',
    bad: () => collectorProject({ exporters: { prometheus: { endpoint: '0.0.0.0:8888' } } }),
    good: () => collectorProject({}),
  },
  {
    id: 'collector/literal-credential',
    area: 'collector',
    mistake: 'An API key written into an exporter header instead of read from the environment.',
    source: SECURITY,
    caughtBy: 'otel/literal-secret',
    bad: () =>
      collectorProject({
        exporters: {
          prometheus: { endpoint: '0.0.0.0:8889' },
          otlphttp: {
            endpoint: 'https://otlp.example.com',
            headers: { 'api-key': 'd41d8cd98f00b204e9800998ecf8427e' },
          },
        },
      }),
    good: () =>
      collectorProject({
        exporters: {
          prometheus: { endpoint: '0.0.0.0:8889' },
          otlphttp: { endpoint: 'https://otlp.example.com', headers: { 'api-key': '${env:OTLP_API_KEY}' } },
        },
      }),
  },
  {
    id: 'collector/env-syntax',
    area: 'collector',
    mistake: '$VAR in a value: the collector no longer expands it, the exporter gets the literal text.',
    source: CONFIGURATION,
    caughtBy: 'otel/env-syntax',
    bad: () =>
      collectorProject({
        exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, otlphttp: { endpoint: '$OTLP_ENDPOINT' } },
      }),
    good: () =>
      collectorProject({
        exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, otlphttp: { endpoint: '${env:OTLP_ENDPOINT}' } },
      }),
  },
  {
    id: 'collector/unused-component',
    area: 'collector',
    mistake:
      'A processor configured but in no pipeline: whatever it was meant to do (drop PII, sample) does not happen.',
    source: CONFIGURATION,
    caughtBy: 'otel/unused-component',
    bad: () =>
      collectorProject({
        processors: {
          memory_limiter: LIMITER,
          'attributes/pii': { actions: [{ key: 'user.email', action: 'delete' }] },
          batch: {},
        },
        chain: ['memory_limiter', 'batch'],
      }),
    good: () =>
      collectorProject({
        processors: {
          memory_limiter: LIMITER,
          'attributes/pii': { actions: [{ key: 'user.email', action: 'delete' }] },
          batch: {},
        },
      }),
  },
  {
    id: 'collector/undefined-reference',
    area: 'collector',
    mistake: 'A pipeline naming a processor that is not configured: the collector refuses the configuration.',
    source: CONFIGURATION,
    caughtBy: 'otel/structure',
    bad: () =>
      collectorProject({
        processors: { memory_limiter: LIMITER, batch: {} },
        chain: ['memory_limiter', 'filter', 'batch'],
      }),
    good: () => collectorProject({}),
  },
  {
    id: 'collector/label-deleted-on-the-way',
    area: 'collector',
    mistake:
      'A query on a label a processor deletes before Prometheus (to save cardinality): the query returns one group under the empty value.',
    source:
      'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/processor/attributesprocessor/README.md',
    caughtBy: 'promql/unknown-label',
    bad: () =>
      statusBehind({
        memory_limiter: LIMITER,
        'attributes/trim': { actions: [{ key: 'status_code', action: 'delete' }] },
        batch: {},
      }),
    good: () =>
      statusBehind({
        memory_limiter: LIMITER,
        'attributes/trim': { actions: [{ key: 'service_name', action: 'delete' }] },
        batch: {},
      }),
  },
  {
    id: 'collector/label-renamed-on-the-way',
    area: 'collector',
    mistake: 'A query on the old name of a label that metricstransform renames.',
    source:
      'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/processor/metricstransformprocessor/README.md',
    caughtBy: 'promql/unknown-label',
    bad: () =>
      statusBehind({
        memory_limiter: LIMITER,
        'metricstransform/rename': {
          transforms: [
            {
              include: 'request_count',
              action: 'update',
              operations: [{ action: 'update_label', label: 'status_code', new_label: 'code' }],
            },
          ],
        },
        batch: {},
      }),
    good: () => statusBehind({ memory_limiter: LIMITER, batch: {} }),
  },
  {
    id: 'collector/signal-not-supported',
    area: 'collector',
    mistake: 'A metrics-only exporter (prometheus) in a logs pipeline: the collector refuses to start.',
    source:
      'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/exporter/prometheusexporter/README.md',
    caughtBy: 'otel/structure',
    bad: () => logsTo(['debug', 'prometheus']),
    good: () => logsTo(['debug']),
  },
];
