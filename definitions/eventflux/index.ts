import { system } from 'obsgen';
import { eventflux } from './catalog.ts';

export default system({
  catalog: eventflux,
  description: 'EventFlux streaming engine (Rust): queries, stream junctions, connections (seed 003).',
});
