import { system } from 'obsgen';
import { eventfluxCollector } from './collector.ts';
import { overview, queryPerformance, streamMonitoring, systemResources } from './dashboards.ts';
import { eventfluxSlos } from './slos.ts';
import { eventflux } from './catalog.ts';
import { eventfluxAlerts } from './rules.ts';

export default system({
  catalog: eventflux,
  slos: eventfluxSlos,
  collector: eventfluxCollector,
  dashboards: [overview, queryPerformance, streamMonitoring, systemResources],
  rules: [eventfluxAlerts],
  description: 'EventFlux streaming engine (Rust): queries, stream junctions, connections (seed 003).',
});
