import { system } from 'obsgen';
import { aiTeams } from './catalog.ts';
import { aiTeamsAlerts, aiTeamsRecording } from './rules.ts';
import { aiTeamsSlos } from './slos.ts';
import { aiTeamsCollector } from './collector.ts';

export default system({
  catalog: aiTeams,
  rules: [aiTeamsAlerts, aiTeamsRecording],
  slos: aiTeamsSlos,
  collector: aiTeamsCollector,
  description: 'AI Teams monorepo: API gateway and workflow agent/engine/scheduler on ECS, OpenTelemetry to Grafana Cloud and CloudWatch (seed 001).',
});
