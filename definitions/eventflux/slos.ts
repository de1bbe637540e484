// EventFlux: query latency. The document alerts at p99 > 100 ms; as an SLO, 99 % of events
// are processed within 100 ms (0.1 is a bucket bound of query_latency_seconds), per query.
import { latencySli, slo } from 'obsgen';
import { eventflux } from './catalog.ts';

export const eventfluxSlos = [
  slo('query-latency', {
    objective: 99,
    period: '28d',
    sli: latencySli({ histogram: eventflux.metrics.query_latency_seconds, threshold: 0.1 }),
    description: 'Events processed within 100 ms, per query.',
  }),
];
