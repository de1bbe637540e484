import { system } from 'obsgen';
import { secflowCollector } from './collector.ts';
import { secflowOverview, secflowWorkflows } from './dashboards.ts';
import { secflowSlos } from './slos.ts';
import { secflow } from './catalog.ts';
import { secflowAlerts, secflowRecording } from './rules.ts';

export default system({
  catalog: secflow,
  slos: secflowSlos,
  collector: secflowCollector,
  dashboards: [secflowOverview, secflowWorkflows],
  rules: [secflowAlerts, secflowRecording],
  description: 'SecFlow security workflow engine: API, Celery workers, tool plugins and sandbox (seed 000).',
});
