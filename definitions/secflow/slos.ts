// SecFlow: the workflow success SLO (the seed names no target; 95 % allows one failed
// security scan in twenty, which the workflow retry policy absorbs).
import { ratioSli, slo } from 'obsgen';
import { secflow } from './catalog.ts';

const m = secflow.metrics;

export const secflowSlos = [
  slo('workflow-success', {
    objective: 95,
    sli: ratioSli({ good: m.secflow_workflows_total.where({ status: 'success' }), total: m.secflow_workflows_total }),
    description: 'Workflow runs that finish successfully.',
  }),
];
