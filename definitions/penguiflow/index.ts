import { system } from 'obsgen';
import { penguiflow } from './catalog.ts';

export default system({
  catalog: penguiflow,
  description: 'Penguiflow async flow runtime: nodes, flows, budgets and tools (seed 002).',
});
