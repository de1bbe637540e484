// Service level objectives: recording rules, burn-rate alerts, their tests and dashboards follow.
import { latencySli, ratioSli, re, slo } from 'obsgen';
import { shop } from './catalog.ts';

const m = shop.metrics;

export const shopSlos = [
  slo('availability', {
    objective: 99.9,
    by: ['route'],
    sli: ratioSli({ errors: m.http_requests_total.where({ status_code: re('5..') }), total: m.http_requests_total }),
    description: 'Requests answered without a server error.',
  }),
  slo('latency', {
    objective: 95,
    period: '28d',
    sli: latencySli({ histogram: m.http_request_duration_seconds, threshold: 2 }), // 2 must be a bucket bound
    description: 'Requests answered within 2 seconds.',
  }),
  slo('checkout', {
    objective: 95,
    by: ['tier'],
    objectives: { label: 'tier', values: { complex: 97 } }, // complex checkouts get a stricter target
    sli: ratioSli({ good: m.checkouts_total.where({ outcome: 'success' }), total: m.checkouts_total }),
    description: 'Checkouts that succeed.',
  }),
];
