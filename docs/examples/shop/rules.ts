// Alerting and recording rules, with the promtool tests that prove each alert.
import {
  alert,
  by,
  div,
  fires,
  gt,
  histogramQuantile,
  histogramSeries,
  promql,
  quiet,
  rate,
  re,
  record,
  ruleGroup,
  series,
  sum,
} from 'obsgen';
import { shop } from './catalog.ts';

const m = shop.metrics;
const errors = sum(rate(m.http_requests_total.where({ status_code: re('5..') }), '5m'), by('route'));
const requests = sum(rate(m.http_requests_total, '5m'), by('route'));
const p95 = histogramQuantile(0.95, m.http_request_duration_seconds, { by: ['route'] });
// @ts-expect-error: http_requests_total has no label project
sum(rate(m.http_requests_total, '5m'), by('project'));

export const shopRecording = ruleGroup('shop-recording', {
  rules: [
    // The escape hatch: PromQL text, parsed and checked against the catalog like any query.
    record('route:http_requests:rate5m', promql`sum by (route) (rate(${m.http_requests_total}[5m]))`),
  ],
});

export const shopAlerts = ruleGroup('shop-alerts', {
  rules: [
    alert('ShopHighErrorRate', {
      expr: gt(div(errors, requests), 0.05),
      for: '5m',
      severity: 'critical',
      labels: { team: 'shop' },
      summary: 'A route fails more than 5% of requests.',
      description: '{{ $labels.route }} answers {{ $value | humanizePercentage }} of requests with 5xx.',
      runbook: {
        impact: 'Customers cannot shop.',
        diagnosis: ['Read the route logs for the failing status.'],
        mitigation: ['Roll back the last deploy.'],
      },
      tests: [
        fires('one request in ten fails', {
          at: '15m',
          // Per 15 s scrape: 9 successes and 1 failure, so the ratio at 15m is 1 / 10 = 0.1.
          series: [
            series(m.http_requests_total.where({ method: 'GET', route: '/api/cart', status_code: '200' }), '0+9x80'),
            series(m.http_requests_total.where({ method: 'GET', route: '/api/cart', status_code: '500' }), '0+1x80'),
          ],
          alerts: [{ labels: { route: '/api/cart' }, value: 0.1 }],
        }),
        quiet('nothing fails', {
          at: '15m',
          series: [
            series(m.http_requests_total.where({ method: 'GET', route: '/api/cart', status_code: '200' }), '0+10x80'),
          ],
        }),
      ],
    }),
    alert('ShopSlowRequests', {
      expr: gt(p95, 2),
      for: '10m',
      severity: 'warning',
      labels: { team: 'shop' },
      summary: 'The p95 request latency is above 2 seconds.',
      description: '{{ $labels.route }} p95 latency is {{ $value | humanizeDuration }}.',
      runbook: {
        impact: 'Checkout feels slow.',
        diagnosis: ['Compare the route with its dependencies.'],
        mitigation: ['Scale the slow dependency.'],
      },
      tests: [
        fires('every request takes 3 s', {
          at: '20m',
          // Ten requests of 3 s per scrape: all fall in the (2, 5] bucket, and
          // histogram_quantile interpolates linearly inside it: 2 + (5 - 2) × 0.95 = 4.85.
          series: histogramSeries(
            m.http_request_duration_seconds.where({ method: 'GET', route: '/api/cart' }),
            [{ value: 3, count: 10 }],
            100,
          ),
          alerts: [{ labels: { route: '/api/cart' }, value: 4.85 }],
        }),
        quiet('every request takes 0.3 s', {
          at: '20m',
          series: histogramSeries(
            m.http_request_duration_seconds.where({ method: 'GET', route: '/api/cart' }),
            [{ value: 0.3, count: 10 }],
            100,
          ),
        }),
      ],
    }),
  ],
});
