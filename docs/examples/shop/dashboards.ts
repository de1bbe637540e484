// A Grafana dashboard: typed queries, units and descriptions on every panel.
import { by, dashboard, div, histogramQuantile, rate, re, row, stat, sum, timeseries } from 'obsgen';
import { shop } from './catalog.ts';

const m = shop.metrics;
const inRoute = { route: re('$route') };

export const overview = dashboard('overview', {
  title: 'Shop / Overview',
  description: 'Traffic, errors and latency of the shop.',
  variables: [
    {
      kind: 'query',
      name: 'route',
      label: 'Route',
      query: 'label_values(http_requests_total, route)',
      multi: true,
      includeAll: true,
    },
  ],
  rows: [
    row('Traffic', [
      timeseries('Request rate', sum(rate(m.http_requests_total.where(inRoute), '5m'), by('route')), {
        unit: 'reqps',
        legend: '{{route}}',
        description: 'Requests per second per route.',
      }),
      timeseries(
        'p95 latency',
        histogramQuantile(0.95, m.http_request_duration_seconds.where(inRoute), { by: ['route'] }),
        {
          unit: 's',
          legend: '{{route}}',
          description: '95th percentile of request time per route.',
          // The escape hatch: the panel type's own foundation SDK builder, for what the typed options lack.
          sdk: (panel) => panel.fillOpacity(10).lineWidth(2),
        },
      ),
      stat(
        'Error ratio',
        div(
          sum(rate(m.http_requests_total.where({ status_code: re('5..') }), '5m')),
          sum(rate(m.http_requests_total, '5m')),
        ),
        {
          unit: 'percentunit',
          description: 'Share of requests answered with 5xx.',
        },
      ),
      // PromQL text works too, checked against the catalog after Grafana's variables are expanded.
      stat('Checkouts (1h)', 'sum(increase(checkouts_total[1h]))', {
        unit: 'short',
        description: 'Checkouts finished in the last hour.',
      }),
    ]),
  ],
});
