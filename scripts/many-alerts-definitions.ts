// A definitions module for the benchmark of `obsgen test`: one system with OBSGEN_ALERTS alerts
// in one rule group, each with a case that fires and one that stays quiet, plus a recording rule
// every alert reads (as real groups share recordings).
import {
  alert,
  by,
  catalog,
  counter,
  div,
  fires,
  oneOf,
  promql,
  project,
  quiet,
  rate,
  record,
  ruleGroup,
  series,
  sum,
  system,
} from '../src/index.ts';

const size = Number(process.env.OBSGEN_ALERTS ?? '200');
if (!Number.isInteger(size) || size < 1)
  throw new Error(`OBSGEN_ALERTS must be a positive integer, not ${process.env.OBSGEN_ALERTS}`);

const routes = Array.from({ length: size }, (_, i) => `/r${i}`) as [string, ...string[]];
const api = catalog('api', {
  scrapeInterval: '15s',
  instances: 1,
  seriesBudget: 10 * size + 100,
  labels: { route: oneOf(...routes), code: oneOf('200', '500') },
  metrics: {
    requests_total: counter({
      help: 'Requests served.',
      labels: ['route', 'code'],
      allow: [{ rule: 'cardinality/metric-budget', reason: 'a benchmark: one route per alert by design' }],
    }),
  },
});
const m = api.metrics;
const ratio = record(
  'route:requests_errors:ratio_rate5m',
  div(
    sum(rate(m.requests_total.where({ code: '500' }), '5m'), by('route')),
    sum(rate(m.requests_total, '5m'), by('route')),
  ),
);
const alerts = routes.map((route, index) =>
  alert(`Route${index}Errors`, {
    expr: promql`route:requests_errors:ratio_rate5m{route=${route}} > 0.1`,
    for: '5m',
    severity: 'warning',
    summary: `Route ${route} fails.`,
    description: `{{ $labels.route }} fails {{ $value | humanizePercentage }} of requests.`,
    tests: [
      fires('one request in five fails', {
        at: '15m',
        series: [
          series(m.requests_total.where({ route, code: '500' }), '0+1x60'),
          series(m.requests_total.where({ route, code: '200' }), '0+4x60'),
        ],
        alerts: [{ labels: { route }, value: 0.2 }],
      }),
      quiet('all requests succeed', {
        at: '15m',
        series: [series(m.requests_total.where({ route, code: '200' }), '0+4x60')],
      }),
    ],
  }),
);

export default project({
  systems: [system({ catalog: api, rules: [ruleGroup('routes', { rules: [ratio, ...alerts] })] })],
});
