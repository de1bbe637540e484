// Fleet generator for benchmarks: N systems × 20 metrics with realistic label domains, 3 SLOs, a
// collector and a dashboard (plus the SLO dashboards obsgen derives), built
// through the public API exactly as hand-written definitions are. Deterministic for a given N.
import {
  bounded,
  by,
  catalog,
  collector,
  counter,
  dashboard,
  gauge,
  histogram,
  histogramQuantile,
  latencySli,
  rate,
  row,
  sum,
  timeseries,
  oneOf,
  project,
  ratioSli,
  re,
  slo,
  system,
  unbounded,
  type LabelDomain,
  type Metric,
  type MetricSpec,
  type Project,
  type System,
} from 'obsgen';

const METRICS_PER_SYSTEM = 20;

/** A small deterministic PRNG (mulberry32) so every run builds the same fleet. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fleetSystem(index: number): System {
  const next = random(index + 1);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const labels: Record<string, LabelDomain> = {
    method: oneOf('GET', 'POST', 'PUT', 'DELETE'),
    status_class: oneOf('2xx', '3xx', '4xx', '5xx'),
    outcome: oneOf('success', 'failure'),
    route: bounded(5 + Math.floor(next() * 20), 'route templates'),
    queue: bounded(2 + Math.floor(next() * 6), 'work queues'),
    tenant_tier: oneOf('free', 'team', 'enterprise'),
    request_id: unbounded('one per request'),
  };
  const labelNames = Object.keys(labels).filter((name) => name !== 'request_id');
  // Two metrics every service has, for its SLOs; the other 18 vary.
  const metrics: Record<string, MetricSpec> = {
    [`svc${index}_http_requests_total`]: counter({ help: 'HTTP requests.', labels: ['method', 'status_class'] }),
    [`svc${index}_http_request_duration_seconds`]: histogram({
      help: 'HTTP latency.',
      unit: 'seconds',
      labels: ['method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
  };
  for (let m = 2; m < METRICS_PER_SYSTEM; m++) {
    const chosen = [...new Set([pick(labelNames), pick(labelNames)])];
    const kind = m % 4;
    if (kind === 0)
      metrics[`svc${index}_requests_${m}_total`] = counter({
        help: 'Requests.',
        labels: [...chosen, 'request_id'],
        drop: { request_id: 'collector' },
      });
    else if (kind === 1)
      metrics[`svc${index}_duration_${m}_seconds`] = histogram({
        help: 'Duration.',
        unit: 'seconds',
        labels: chosen,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      });
    else if (kind === 2)
      metrics[`svc${index}_in_flight_${m}`] = gauge({ help: 'In flight.', labels: chosen.slice(0, 1) });
    else metrics[`svc${index}_events_${m}_total`] = counter({ help: 'Events.', labels: chosen });
  }
  const built = catalog(`svc-${index}`, { scrapeInterval: '15s', instances: 2, seriesBudget: 50_000, labels, metrics });
  const requests = built.metrics[`svc${index}_http_requests_total`] as Metric<'counter', 'method' | 'status_class'>;
  const latency = built.metrics[`svc${index}_http_request_duration_seconds`] as Metric<'histogram', 'method'>;
  const slos = [
    slo('availability', {
      objective: 99.9,
      sli: ratioSli({ errors: requests.where({ status_class: re('5..') }), total: requests }),
    }),
    slo('latency', { objective: 99, sli: latencySli({ histogram: latency, threshold: 0.5 }) }),
    slo('errors-by-method', {
      objective: 99.5,
      period: '28d',
      sli: ratioSli({ errors: requests.where({ status_class: '5xx' }), total: requests }),
      by: ['method'],
    }),
  ];
  const inFlight = Object.values(built.metrics).find((metric) => metric.kind === 'gauge');
  const board = dashboard('service', {
    title: `svc-${index} / Service`,
    rows: [
      row('Traffic', [
        timeseries('Request rate', sum(rate(requests, '5m'), by('status_class')), {
          unit: 'reqps',
          legend: '{{status_class}}',
          description: 'Requests per second by status class.',
        }),
        timeseries('p95 latency', histogramQuantile(0.95, latency, { by: ['method'] }), {
          unit: 's',
          legend: '{{method}}',
          description: '95th percentile latency by method.',
        }),
        ...(inFlight === undefined
          ? []
          : [
              timeseries('In flight', inFlight as Metric<'gauge', string>, {
                unit: 'short',
                description: 'Work in flight.',
              }),
            ]),
      ]),
    ],
  });
  return system({ catalog: built, slos, collector: FLEET_COLLECTOR, dashboards: [board] });
}

/** Every fleet service exports through one collector shape, which applies its label drops. */
const FLEET_COLLECTOR = collector({
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  processors: { memory_limiter: { check_interval: '1s', limit_mib: 512 }, batch: {} },
  exporters: { prometheus: { endpoint: '0.0.0.0:8889' } },
  pipelines: { metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheus'] } },
});

export function generateFleet(size: number): Project {
  return project({ systems: Array.from({ length: size }, (_, i) => fleetSystem(i)) });
}
