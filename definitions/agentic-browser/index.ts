import { system } from 'obsgen';
import { agenticBrowser } from './catalog.ts';
import { agenticAlerts, agenticRecording } from './rules.ts';

export default system({
  catalog: agenticBrowser,
  rules: [agenticRecording, agenticAlerts],
  description: 'Agentic browser: Python reasoning agent, Go browser driver, EFK audit trail (seed 004).',
});
