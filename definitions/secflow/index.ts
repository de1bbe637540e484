import { system } from 'obsgen';
import { secflow } from './catalog.ts';

export default system({
  catalog: secflow,
  description: 'SecFlow security workflow engine: API, Celery workers, tool plugins and sandbox (seed 000).',
});
