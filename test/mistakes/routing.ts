// Alertmanager routing mistakes: Alertmanager's configuration documentation.
import { inhibit, pagerduty, receiver, route, secretFile, slack } from 'obsgen';
import { chat, pager } from '../fixtures/alerting-project.ts';
import { routes, routingProject, type Mistake } from './base.ts';

const CONFIGURATION = 'https://prometheus.io/docs/alerting/latest/configuration/';
const NOTIFICATIONS = 'https://prometheus.io/docs/alerting/latest/notifications/';

/** The fixture's routing with its child routes replaced. */
const withRoutes = (children: ReturnType<typeof route>[], groupBy: readonly string[] = ['alertname', 'system']) =>
  routingProject({ route: { ...routes(), groupBy, routes: children } });

export const ROUTING_MISTAKES: readonly Mistake[] = [
  {
    id: 'routing/unrouted',
    area: 'routing',
    mistake:
      'An alert no route matches: it reaches only the catch-all receiver, and nobody it is meant for hears of it.',
    source: `${CONFIGURATION}#route`,
    caughtBy: 'alertmanager/unrouted',
    bad: () => withRoutes([route({ matchers: { severity: 'critical' }, receiver: pager })]),
    good: () => routingProject(),
  },
  {
    id: 'routing/shadowed-route',
    area: 'routing',
    mistake: 'A route after a broader sibling without continue: it matches, but never receives an alert.',
    source: `${CONFIGURATION}#route`,
    caughtBy: 'alertmanager/shadowed-route',
    bad: () =>
      withRoutes([
        route({ matchers: { symptom: 'errors' }, receiver: chat }),
        route({ matchers: { severity: 'critical' }, receiver: pager }),
      ]),
    good: () => routingProject(),
  },
  {
    id: 'routing/unmatchable-route',
    area: 'routing',
    mistake: 'A route matching a value no alert has (severity="page"): its receiver never hears anything.',
    source: `${CONFIGURATION}#matcher`,
    caughtBy: 'alertmanager/unmatchable-route',
    bad: () =>
      withRoutes([
        route({ matchers: { severity: 'page' as 'critical' }, receiver: pager }),
        route({ matchers: { severity: 'warning' }, receiver: chat }),
      ]),
    good: () => routingProject(),
  },
  {
    id: 'routing/group-by-missing-label',
    area: 'routing',
    mistake: 'group_by on a label the alerts do not carry: every alert falls into one group.',
    source: `${CONFIGURATION}#route`,
    caughtBy: 'alertmanager/group-by',
    bad: () => withRoutes(routes().routes! as ReturnType<typeof route>[], ['alertname', 'cluster']),
    good: () => routingProject(),
  },
  {
    id: 'routing/inhibit-equal-missing',
    area: 'routing',
    mistake:
      "An inhibition whose equal label neither alert carries: a critical alert silences every other service's warnings.",
    source: `${CONFIGURATION}#inhibit_rule`,
    caughtBy: 'alertmanager/inhibit-equal',
    bad: () =>
      routingProject({
        inhibitions: [
          inhibit({ source: { severity: 'critical' }, target: { severity: 'warning' }, equal: ['cluster'] }),
        ],
      }),
    good: () =>
      routingProject({
        inhibitions: [
          inhibit({
            source: { severity: 'critical' },
            target: { severity: 'warning' },
            equal: ['alertname', 'symptom'],
          }),
        ],
      }),
  },
  {
    id: 'routing/literal-secret',
    area: 'routing',
    mistake: 'A PagerDuty routing key written into the configuration, and so into the repository.',
    source: `${CONFIGURATION}#pagerduty_config`,
    caughtBy: 'alertmanager/literal-secret',
    bad: () => {
      const literal = receiver('pager', pagerduty({ routingKey: 'R0UT1NGKEY0123456789ABCDEF012345' as never }));
      return withRoutes([
        route({ matchers: { severity: 'critical' }, receiver: literal }),
        route({ matchers: { severity: 'warning' }, receiver: chat }),
      ]);
    },
    good: () => routingProject(),
  },
  {
    id: 'routing/unused-receiver',
    area: 'routing',
    mistake: 'A receiver no route sends to: whoever expects its notifications gets none.',
    source: `${CONFIGURATION}#receiver`,
    caughtBy: 'alertmanager/unused',
    bad: () =>
      routingProject({
        receivers: [receiver('oncall-email', slack({ apiUrl: secretFile('/run/slack'), channel: '#oncall' }))],
      }),
    good: () => routingProject(),
  },
  {
    id: 'routing/template-function',
    area: 'routing',
    mistake: 'A notification template calling a function Alertmanager does not have (humanize is Prometheus-only).',
    source: `${NOTIFICATIONS}#functions`,
    caughtBy: 'alertmanager/template',
    bad: () => {
      const custom = receiver(
        'chat',
        slack({
          apiUrl: secretFile('/etc/alertmanager/secrets/slack'),
          channel: '#shop',
          text: '{{ .CommonAnnotations.runbook_url | humanize }}',
        }),
      );
      return withRoutes([
        route({ matchers: { severity: 'critical' }, receiver: pager }),
        route({ matchers: { severity: 'warning' }, receiver: custom }),
      ]);
    },
    good: () => {
      const custom = receiver(
        'chat',
        slack({
          apiUrl: secretFile('/etc/alertmanager/secrets/slack'),
          channel: '#shop',
          text: '{{ .CommonAnnotations.runbook_url | toUpper }}',
        }),
      );
      return withRoutes([
        route({ matchers: { severity: 'critical' }, receiver: pager }),
        route({ matchers: { severity: 'warning' }, receiver: custom }),
      ]);
    },
  },
  {
    id: 'routing/repeat-below-group-interval',
    area: 'routing',
    mistake:
      'repeat_interval shorter than group_interval: notifications repeat only at group_interval ticks, so the setting does not do what it says.',
    source: `${CONFIGURATION}#route`,
    caughtBy: 'alertmanager/timing',
    bad: () => routingProject({ route: { ...routes(), groupInterval: '10m', repeatInterval: '5m' } }),
    good: () => routingProject({ route: { ...routes(), groupInterval: '5m', repeatInterval: '4h' } }),
  },
];
