// What the shop's services emit: metrics, their labels and each label's domain.
import { bounded, catalog, counter, histogram, oneOf, re, unbounded } from 'obsgen';

export const shop = catalog('shop', {
  scrapeInterval: '15s',
  instances: 2, // scrape targets per label combination
  seriesBudget: 10_000, // e.g. a Grafana Cloud tier
  labels: {
    method: oneOf('GET', 'POST'), // exact values, typed
    route: bounded(40, 'route templates after /{id} normalisation'), // a bound and why
    status_code: bounded(12, 'HTTP status codes the shop returns'),
    tier: oneOf('simple', 'complex'),
    outcome: oneOf('success', 'failure'),
    trace_id: unbounded('one per request'), // allowed only where it is dropped
  },
  metrics: {
    // The OTel instrument `http.requests` is stored as http_requests_total.
    http_requests_total: counter({
      otel: 'http.requests',
      help: 'Requests served.',
      labels: ['method', 'route', 'status_code', 'trace_id'],
      drop: { trace_id: 'collector' }, // the generated collector config deletes it
      combinations: { max: 90, why: 'each route answers one or two methods with a few codes' },
    }),
    http_request_duration_seconds: histogram({
      help: 'Request latency.',
      unit: 'seconds',
      labels: ['method', 'route'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      combinations: { max: 60, why: 'each route answers one or two methods' },
    }),
    checkouts_total: counter({ help: 'Checkouts finished, by outcome.', labels: ['tier', 'outcome'] }),
  },
});

const m = shop.metrics;
m.http_requests_total.where({ method: 'GET', route: re('/api/.*') }); // fine
// @ts-expect-error: methdo is not a label of http_requests_total
m.http_requests_total.where({ methdo: 'GET' });
// @ts-expect-error: HEAD is not in method's oneOf domain
m.http_requests_total.where({ method: 'HEAD' });
// @ts-expect-error: trace_id is dropped at the collector, so no stored series has it
m.http_requests_total.where({ trace_id: 'x' });
