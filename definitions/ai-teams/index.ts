import { system } from 'obsgen';
import { aiTeams } from './catalog.ts';

export default system({
  catalog: aiTeams,
  description: 'AI Teams monorepo: API gateway and workflow agent/engine/scheduler on ECS, OpenTelemetry to Grafana Cloud and CloudWatch (seed 001).',
});
