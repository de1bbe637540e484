import { system } from 'obsgen';
import { aiTeams } from './catalog.ts';
import { aiTeamsAlerts, aiTeamsRecording } from './rules.ts';
import { aiTeamsSlos } from './slos.ts';
import { aiTeamsCollector } from './collector.ts';
import { aiTeamsCloudWatch } from './cloudwatch.ts';
import { aiModelUsage, infrastructure, serviceHealth, workflowExecution } from './dashboards.ts';

export default system({
  catalog: aiTeams,
  rules: [aiTeamsAlerts, aiTeamsRecording],
  slos: aiTeamsSlos,
  collector: aiTeamsCollector,
  dashboards: [serviceHealth, workflowExecution, aiModelUsage, infrastructure],
  cloudwatch: aiTeamsCloudWatch,
  description:
    'AI Teams monorepo: API gateway and workflow agent/engine/scheduler on ECS, OpenTelemetry to Grafana Cloud and CloudWatch (seed 001).',
});
