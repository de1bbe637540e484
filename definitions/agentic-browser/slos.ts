// Agentic browser: the SLIs of its Prometheus section — workflow success, tool success,
// decision latency.
import { latencySli, ratioSli, slo } from 'obsgen';
import { agenticBrowser } from './catalog.ts';

const m = agenticBrowser.metrics;

export const agenticSlos = [
  slo('workflow-success', {
    objective: 95,
    sli: ratioSli({ good: m.agentic_workflows_total.where({ outcome: 'success' }), total: m.agentic_workflows_total }),
    description: 'Agent workflows that succeed.',
  }),
  slo('tool-success', {
    objective: 99,
    period: '7d',
    sli: ratioSli({
      errors: m.agentic_tool_calls_total.where({ outcome: 'failure' }),
      total: m.agentic_tool_calls_total,
    }),
    description: 'Tool calls that succeed, over a week (tools change weekly).',
  }),
  slo('decision-latency', {
    objective: 95,
    sli: latencySli({ histogram: m.agentic_decision_latency_seconds, threshold: 2 }),
    by: ['decision'],
    description: 'Decisions reached within 2 seconds, per decision type.',
  }),
];
