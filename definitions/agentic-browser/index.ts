import { system } from 'obsgen';
import { agenticCollector } from './collector.ts';
import { agenticOverview, auditTrail, reasoningAnalytics, toolPerformance } from './dashboards.ts';
import { agenticSlos } from './slos.ts';
import { agenticBrowser } from './catalog.ts';
import { agenticAlerts, agenticRecording } from './rules.ts';

export default system({
  catalog: agenticBrowser,
  slos: agenticSlos,
  collector: agenticCollector,
  dashboards: [agenticOverview, reasoningAnalytics, toolPerformance, auditTrail],
  rules: [agenticRecording, agenticAlerts],
  description: 'Agentic browser: Python reasoning agent, Go browser driver, EFK audit trail (seed 004).',
});
