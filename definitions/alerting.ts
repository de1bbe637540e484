// The organisation's Alertmanager: AI Teams and Penguiflow route as their documents say; every
// other system pages the platform on-call for critical alerts and tells the platform channel the rest.
import {
  alertmanager,
  inhibit,
  not,
  pagerduty,
  re,
  receiver,
  route,
  secretFile,
  slack,
  sloBurnInhibitions,
} from 'obsgen';
import { aiTeamsRoute } from './ai-teams/alerting.ts';
import { penguiflowRoute } from './penguiflow/alerting.ts';

const platformPager = receiver(
  'platform-pager',
  pagerduty({ routingKey: secretFile('/etc/alertmanager/secrets/platform-pagerduty-key'), sendResolved: true }),
);

const platformChat = receiver(
  'platform-chat',
  slack({
    apiUrl: secretFile('/etc/alertmanager/secrets/platform-slack-url'),
    channel: '#platform-alerts',
    sendResolved: true,
  }),
);

/** What no route takes lands here (obsgen reports any alert that does: alertmanager/unrouted). */
const unrouted = receiver(
  'unrouted',
  slack({ apiUrl: secretFile('/etc/alertmanager/secrets/platform-slack-url'), channel: '#alerts-unrouted' }),
);

export default alertmanager({
  resolveTimeout: '5m',
  smtp: {
    from: 'alertmanager@example.com',
    smarthost: 'smtp.example.com:587',
    authUsername: 'alertmanager@example.com',
    authPassword: secretFile('/etc/alertmanager/secrets/smtp-password'),
  },
  route: {
    receiver: unrouted,
    groupBy: ['alertname', 'system'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      aiTeamsRoute,
      penguiflowRoute,
      route({ matchers: { severity: 'critical' }, receiver: platformPager }),
      route({ matchers: { severity: re('warning|info') }, receiver: platformChat }),
    ],
  },
  inhibitions: [
    // A critical alert silences its warning sibling: the same symptom of the same service.
    inhibit({
      source: { severity: 'critical', symptom: re('.+') },
      target: { severity: 'warning', symptom: re('.+') },
      equal: ['system', 'symptom', 'service_name'],
    }),
    // An SLO's fast burn silences its slow burn (per group of a grouped SLO).
    sloBurnInhibitions(),
    // A service that is down silences that service's other symptoms.
    inhibit({
      source: { alertname: 'ServiceDown' },
      target: { alertname: not('ServiceDown'), severity: re('critical|warning') },
      equal: ['system', 'service_name'],
    }),
  ],
});
