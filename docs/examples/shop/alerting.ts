// Where the shop's alerts go: the on-call pager for critical ones, the team channel for warnings,
// e-mail for what can wait until office hours.
import {
  alertmanager,
  deployTime,
  email,
  grafanaOnCall,
  inhibit,
  notificationTemplate,
  pagerduty,
  re,
  receiver,
  route,
  secretFile,
  slack,
  sloBurnInhibitions,
  timeInterval,
  useTemplate,
} from 'obsgen';

// Credentials never appear in the definitions: a file on the Alertmanager host (*_file) ...
const pager = receiver(
  'shop-pager',
  pagerduty({ routingKey: secretFile('/etc/alertmanager/secrets/shop-pagerduty-key'), sendResolved: true }),
);

// ... or a ${NAME} placeholder the deploy step fills (envsubst, Helm, the Mimir API client).
const oncall = receiver(
  'shop-oncall',
  grafanaOnCall({ url: 'https://oncall.acme.example/integrations/v1/alertmanager/${SHOP_ONCALL_TOKEN}/' }),
);

// A template of your own, checked like alert templates (Alertmanager's functions, its data).
const brief = notificationTemplate(
  'shop.brief',
  '{{ range .Alerts }}{{ .Annotations.summary }} {{ .Annotations.runbook_url }}\n{{ end }}',
);

const chat = receiver(
  'shop-chat',
  slack({ apiUrl: secretFile('/etc/alertmanager/secrets/shop-slack-url'), channel: '#shop', text: useTemplate(brief) }),
);

const mail = receiver('shop-mail', email({ to: 'shop-team@acme.example', authPassword: deployTime('SMTP_PASSWORD') }));

const officeHours = timeInterval('office-hours', [
  { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }], location: 'Europe/Berlin' },
]);

export const shopAlertmanager = alertmanager({
  smtp: { from: 'alertmanager@acme.example', smarthost: 'smtp.acme.example:587' },
  route: {
    receiver: chat, // what no route takes (obsgen reports any alert that ends here)
    groupBy: ['alertname', 'system'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      // Every alert carries system="<name>"; matchers on it and on severity are typed.
      route({ matchers: { system: 'shop', severity: 'critical' }, receiver: pager, continue: true }),
      route({ matchers: { system: 'shop', severity: 'critical' }, receiver: oncall }),
      route({
        matchers: { system: 'shop', severity: re('warning|info') },
        receiver: chat,
        routes: [
          route({ matchers: { alertname: 'ShopSlowRequests' }, receiver: mail, activeTimeIntervals: [officeHours] }),
        ],
      }),
    ],
  },
  inhibitions: [
    // An SLO's fast burn silences its slow burn, per SLO and group.
    sloBurnInhibitions(),
    // The error-rate page silences the slow-request warning of the same route.
    inhibit({
      source: { alertname: 'ShopHighErrorRate' },
      target: { alertname: 'ShopSlowRequests' },
      equal: ['system', 'route'],
    }),
  ],
});
