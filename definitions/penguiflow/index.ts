import { system } from 'obsgen';
import { penguiflow } from './catalog.ts';
import { penguiflowAlerts, penguiflowRecording } from './rules.ts';

export default system({
  catalog: penguiflow,
  rules: [penguiflowRecording, penguiflowAlerts],
  description: 'Penguiflow async flow runtime: nodes, flows, budgets and tools (seed 002).',
});
