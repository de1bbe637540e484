// Penguiflow's notification channels (docs/seeds/002-penguiflow.txt, "Alerting & Notification"):
// e-mail and PagerDuty for critical issues, Slack for the rest, and a custom webhook that hands
// every alert to third-party systems.
import { email, pagerduty, receiver, re, route, secretFile, slack, systemRoute, webhook } from 'obsgen';
import penguiflow from './index.ts';

const critical = receiver(
  'penguiflow-critical',
  pagerduty({ routingKey: secretFile('/etc/alertmanager/secrets/penguiflow-pagerduty-key'), sendResolved: true }),
  email({ to: 'penguiflow-oncall@example.com', sendResolved: true }),
);

const chat = receiver(
  'penguiflow-slack',
  slack({ apiUrl: secretFile('/etc/alertmanager/secrets/penguiflow-slack-url'), channel: '#penguiflow-alerts' }),
);

const integrations = receiver(
  'penguiflow-webhook',
  webhook({
    url: 'https://hooks.penguiflow.example.com/alertmanager',
    bearerToken: secretFile('/etc/alertmanager/secrets/penguiflow-webhook-token'),
    sendResolved: true,
  }),
);

export const penguiflowRoute = systemRoute(penguiflow, {
  routes: [
    // Every alert to the third-party webhook first; continue lets the routes below notify people too.
    route({ receiver: integrations, continue: true }),
    route({ matchers: { severity: 'critical' }, receiver: critical, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: { severity: re('warning|info') }, receiver: chat }),
  ],
});
