import { system } from 'obsgen';
import { penguiflowCollector } from './collector.ts';
import { penguiflowCloudWatch } from './cloudwatch.ts';
import { systemMonitoring } from './dashboards.ts';
import { penguiflowSlos } from './slos.ts';
import { penguiflow } from './catalog.ts';
import { penguiflowAlerts, penguiflowRecording } from './rules.ts';

export default system({
  catalog: penguiflow,
  slos: penguiflowSlos,
  collector: penguiflowCollector,
  dashboards: [systemMonitoring],
  rules: [penguiflowRecording, penguiflowAlerts],
  cloudwatch: penguiflowCloudWatch,
  description: 'Penguiflow async flow runtime: nodes, flows, budgets and tools (seed 002).',
});
