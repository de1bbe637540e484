import { system } from 'obsgen';
import { agenticBrowser } from './catalog.ts';

export default system({
  catalog: agenticBrowser,
  description: 'Agentic browser: Python reasoning agent, Go browser driver, EFK audit trail (seed 004).',
});
