import { system } from 'obsgen';
import { secflow } from './catalog.ts';
import { secflowAlerts, secflowRecording } from './rules.ts';

export default system({
  catalog: secflow,
  rules: [secflowAlerts, secflowRecording],
  description: 'SecFlow security workflow engine: API, Celery workers, tool plugins and sandbox (seed 000).',
});
