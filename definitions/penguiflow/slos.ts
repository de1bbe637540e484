// Penguiflow: flow success ("Flow Success Rates: percentage of flows completing successfully").
import { ratioSli, slo } from 'obsgen';
import { penguiflow } from './catalog.ts';

const m = penguiflow.metrics;

export const penguiflowSlos = [
  slo('flow-success', {
    objective: 99,
    sli: ratioSli({ good: m.penguiflow_flows_total.where({ outcome: 'success' }), total: m.penguiflow_flows_total }),
    description: 'Flows that complete successfully (errors, cancellations and exhausted budgets count against it).',
  }),
];
