import { system } from 'obsgen';
import { secflowSlos } from './slos.ts';
import { secflow } from './catalog.ts';
import { secflowAlerts, secflowRecording } from './rules.ts';

export default system({
  catalog: secflow,
  slos: secflowSlos,
  rules: [secflowAlerts, secflowRecording],
  description: 'SecFlow security workflow engine: API, Celery workers, tool plugins and sandbox (seed 000).',
});
