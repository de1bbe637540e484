// The project obsgen builds: one system per seed document in docs/seeds/.
import { project } from 'obsgen';
import alerting from './alerting.ts';
import agenticBrowser from './agentic-browser/index.ts';
import aiTeams from './ai-teams/index.ts';
import eventflux from './eventflux/index.ts';
import penguiflow from './penguiflow/index.ts';
import secflow from './secflow/index.ts';

export default project({
  systems: [secflow, aiTeams, penguiflow, eventflux, agenticBrowser],
  alertmanager: alerting,
});
