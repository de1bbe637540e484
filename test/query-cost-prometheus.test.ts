// The static cost model against the real Prometheus: two hours of synthetic history backfilled
// with promtool, then each query's own statistics (stats=all, totalQueryableSamples) compared
// with the model's samples-per-evaluation estimate: within a factor of 2. (Prometheus 2.42's
// statistics leave out what a subquery's inner evaluations read, so subqueries are not compared.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCost } from '../src/derive/query-cost.ts';
import { catalog, counter, histogram, oneOf, project, system } from '../src/index.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { startLivePrometheus, type LivePrometheus } from './support/live-prometheus.ts';

const SCRAPE = 15;
const HOURS = 2;
const shop = catalog('shop', {
  scrapeInterval: '15s',
  instances: 2,
  labels: { service: oneOf('cart', 'checkout', 'search'), code: oneOf('200', '404', '500', '503') },
  metrics: {
    http_requests_total: counter({ help: 'Requests.', labels: ['service', 'code'] }),
    request_duration_seconds: histogram({
      help: 'Latency.',
      unit: 'seconds',
      labels: ['service'],
      buckets: [0.1, 0.5, 1],
    }),
  },
});
const definitions = project({ systems: [system({ catalog: shop })] });

/** OpenMetrics text of exactly the series the catalog describes, every 15 s for two hours. */
function history(end: number): string {
  const lines = ['# TYPE http_requests_total counter', '# TYPE request_duration_seconds histogram'];
  const start = end - HOURS * 3600;
  const services = ['cart', 'checkout', 'search'];
  for (let t = start; t <= end; t += SCRAPE) {
    const step = (t - start) / SCRAPE;
    for (const instance of ['a:9100', 'b:9100']) {
      for (const service of services) {
        for (const code of ['200', '404', '500', '503'])
          lines.push(
            `http_requests_total{instance="${instance}",service="${service}",code="${code}"} ${step * 3} ${t}`,
          );
        for (const le of ['0.1', '0.5', '1.0', '+Inf'])
          lines.push(
            `request_duration_seconds_bucket{instance="${instance}",service="${service}",le="${le}"} ${step * 2} ${t}`,
          );
        lines.push(`request_duration_seconds_sum{instance="${instance}",service="${service}"} ${step} ${t}`);
        lines.push(`request_duration_seconds_count{instance="${instance}",service="${service}"} ${step * 2} ${t}`);
      }
    }
  }
  // promtool wants series grouped by family and ordered in time within each series.
  const body = lines.slice(2);
  const families = ['http_requests_total', 'request_duration_seconds'];
  const ordered = families.flatMap((family, i) => [lines[i]!, ...body.filter((l) => l.startsWith(`${family}`))]);
  return `${ordered.join('\n')}\n# EOF\n`;
}

describe('the query cost model against Prometheus query statistics', () => {
  let prometheus: LivePrometheus;
  let api = '';
  const evalTime = Math.floor(Date.now() / 1000) - 600;

  beforeAll(async () => {
    prometheus = await startLivePrometheus({ history: history(evalTime) });
    api = `${prometheus.url}/api/v1`;
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it.each([
    'http_requests_total',
    'rate(http_requests_total[5m])',
    'sum by (service) (rate(http_requests_total{code="500"}[1h]))',
    'sum by (service) (rate(http_requests_total{code=~"500|503"}[30m]))',
    'histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[30m])))',
    'rate(request_duration_seconds_sum{service="cart"}[10m]) / rate(request_duration_seconds_count{service="cart"}[10m])',
  ])('%s: the estimate is within a factor of 2 of what Prometheus reads', async (query) => {
    const response = await fetch(`${api}/query?query=${encodeURIComponent(query)}&time=${evalTime}&stats=all`);
    const body = (await response.json()) as {
      status: string;
      data: { stats?: { samples?: { totalQueryableSamples: number } } };
    };
    expect(body.status).toBe('success');
    const read = body.data.stats?.samples?.totalQueryableSamples;
    expect(read, 'Prometheus reports query statistics').toBeGreaterThan(0);
    const estimate = queryCost(parsePromql(query), {
      catalog: new SeriesCatalog(definitions),
      system: 'shop',
      recorded: () => undefined,
    });
    expect(estimate.unsized).toEqual([]);
    const ratio = estimate.samples / read!;
    expect(ratio, `estimate ${estimate.samples}, Prometheus ${read}`).toBeGreaterThanOrEqual(0.5);
    expect(ratio, `estimate ${estimate.samples}, Prometheus ${read}`).toBeLessThanOrEqual(2);
  });
});
