// AI Teams' escalation policy (docs/seeds/001-ai-teams.txt, "Alert Thresholds and Escalation
// Policies"): critical alerts page the on-call engineer through Grafana OnCall, warnings go to the
// dev channel, the Grafana Cloud usage alert is e-mailed to ops in business hours. CloudWatch alarms
// (ECS restarts, log-group size) notify their SNS topics. The daily AI cost and weekly performance
// "reports" the document e-mails to the team are scheduled reports, not alerts: no alert is
// informational otherwise, and a route for them would never match (obsgen reports such a route).
import { email, grafanaOnCall, receiver, route, slack, secretFile, systemRoute, timeInterval } from 'obsgen';
import aiTeams from './index.ts';

export const oncall = receiver(
  'ai-teams-oncall',
  // The integration URL carries its token: the deploy step fills ${AI_TEAMS_ONCALL_TOKEN}.
  grafanaOnCall({
    url: 'https://oncall-prod-us-central-0.grafana.net/oncall/integrations/v1/alertmanager/${AI_TEAMS_ONCALL_TOKEN}/',
  }),
);

export const devChannel = receiver(
  'ai-teams-dev',
  slack({
    apiUrl: secretFile('/etc/alertmanager/secrets/ai-teams-slack-url'),
    channel: '#ai-teams-dev',
    sendResolved: true,
  }),
);

const opsEmail = receiver('ai-teams-ops-email', email({ to: 'ops@example.com' }));

export const businessHours = timeInterval('ai-teams-business-hours', [
  { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }], location: 'America/New_York' },
]);

export const aiTeamsRoute = systemRoute(aiTeams, {
  routes: [
    route({ matchers: { severity: 'critical' }, receiver: oncall, groupWait: '10s', repeatInterval: '1h' }),
    route({ matchers: { severity: 'warning' }, receiver: devChannel }),
    // "Grafana Cloud Usage: metrics/logs usage vs free tier limit → Email to ops".
    route({
      matchers: { severity: 'info', alertname: 'GrafanaCloudSeriesUsage' },
      repeatInterval: '24h',
      receiver: opsEmail,
      activeTimeIntervals: [businessHours],
    }),
  ],
});
