// Alerting-rule mistakes: Prometheus' alerting documentation, the monitoring mixins' guidelines, pint.
import { alert, gt, promql, type Duration } from 'obsgen';
import { shopErrorAlert, shopErrorRatio } from '../fixtures/shop-error-alert.ts';
import { alertProject, queueAlertSpec, shopRules, type Mistake } from './base.ts';

const MIXINS = 'https://monitoring.mixins.dev/#guidelines-for-alert-names-labels-and-annotations';
const PINT = 'https://cloudflare.github.io/pint/checks/';
const ALERTING_RULES = 'https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/';
const UNIT_TESTS = 'https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/';

const queue = (change: Parameters<typeof queueAlertSpec>[0] = {}, name = 'QueueBacklog', interval?: Duration) =>
  alertProject(name, queueAlertSpec(change), interval);

export const ALERT_MISTAKES: readonly Mistake[] = [
  {
    id: 'alerts/no-comparison',
    area: 'alerts',
    mistake: 'An alert expression without a comparison: it fires for every series it returns, all the time.',
    source: `${PINT}alerts/comparison.html`,
    caughtBy: 'alert/no-comparison',
    bad: () => queue({ expr: promql`max by (queue) (queue_depth)` }),
    good: () => queue(),
  },
  {
    id: 'alerts/missing-label-in-template',
    area: 'alerts',
    mistake: 'A description reading $labels.x where the expression aggregated x away: the notification says nothing.',
    source: `${PINT}alerts/template.html`,
    caughtBy: 'alert/template',
    bad: () => queue({ description: 'Service {{ $labels.service_name }} has a backlog of {{ $value }}.' }),
    good: () => queue(),
  },
  {
    id: 'alerts/value-in-labels',
    area: 'alerts',
    mistake:
      '$value in an alert label: every new value is a new alert, so it resolves and fires again at every evaluation.',
    source: `${PINT}alerts/template.html`,
    caughtBy: 'alert/template',
    bad: () => queue({ labels: { depth: '{{ $value }}' } }),
    good: () => queue(),
  },
  {
    id: 'alerts/templated-summary',
    area: 'alerts',
    mistake:
      'A summary that changes with the series: notifications grouped by it split, and it is not a sentence a person can scan.',
    source: MIXINS,
    caughtBy: 'alert/annotations',
    bad: () => queue({ summary: 'Queue {{ $labels.queue }} backs up.' }),
    good: () => queue(),
  },
  {
    id: 'alerts/severity',
    area: 'alerts',
    mistake: 'A severity outside critical, warning and info: the routing tree matches none of its routes.',
    source: MIXINS,
    caughtBy: 'alert/severity',
    bad: () => queue({ severity: 'page' as 'critical' }),
    good: () => queue(),
  },
  {
    id: 'alerts/name-style',
    area: 'alerts',
    mistake: 'An alert name that is not CamelCase.',
    source: MIXINS,
    caughtBy: 'alert/name-style',
    bad: () => queue({}, 'queue_backlog'),
    good: () => queue(),
  },
  {
    id: 'alerts/for-below-interval',
    area: 'alerts',
    mistake:
      "A for shorter than the group's evaluation interval: the alert fires a whole interval later than for says.",
    source: ALERTING_RULES,
    caughtBy: 'alert/timing',
    bad: () => queue({ for: '30s' }, 'QueueBacklog', '2m'),
    good: () => queue({ for: '10m' }, 'QueueBacklog', '2m'),
  },
  {
    id: 'alerts/percent-threshold-on-ratio',
    area: 'alerts',
    mistake: 'An error ratio (0–1) compared with a percentage (> 10): it never fires.',
    source: 'https://prometheus.io/docs/practices/alerting/',
    caughtBy: 'alert/threshold-scale',
    bad: () => alertProject('HighErrorRate', { ...shopErrorAlert(), expr: gt(shopErrorRatio, 10) }),
    good: () => alertProject('HighErrorRate', shopErrorAlert()),
  },
  {
    id: 'alerts/untested',
    area: 'alerts',
    mistake: 'An alert no unit test shows firing (and staying quiet).',
    source: UNIT_TESTS,
    caughtBy: 'alert/untested',
    bad: () => queue({ tests: [] }),
    good: () => queue(),
  },
  {
    id: 'alerts/test-labels',
    area: 'alerts',
    mistake: "A unit test expecting labels the expression's result does not have: the test can never pass.",
    source: UNIT_TESTS,
    caughtBy: 'alert/test',
    bad: () => {
      const spec = queueAlertSpec();
      const [fires, quiet] = spec.tests!;
      return alertProject('QueueBacklog', {
        ...spec,
        tests: [{ ...fires!, alerts: [{ labels: { queue: 'orders', service_name: 'cart' }, value: 500 }] }, quiet!],
      });
    },
    good: () => queue(),
  },
  {
    id: 'alerts/dashboard-link',
    area: 'alerts',
    mistake: "An alert linking a dashboard that does not exist: the responder's first click leads nowhere.",
    source: MIXINS,
    caughtBy: 'alert/dashboard-link',
    bad: () => queue({ dashboard: { dashboard: 'queues' } }),
    good: () => queue(),
  },
  {
    id: 'alerts/no-for',
    area: 'alerts',
    mistake: 'An alert without for on a noisy signal: it fires on a single evaluation and flaps.',
    source: ALERTING_RULES,
    gap: 'Not decidable from the definitions (some signals should page at once); a backtest over real history (issue 27) shows the flapping.',
    bad: () => queue({ for: undefined }),
    good: () => queue(),
  },
  {
    id: 'alerts/cause-not-symptom',
    area: 'alerts',
    mistake: 'Paging on a cause (a queue is long) rather than on a symptom users feel (requests fail or are slow).',
    source: 'https://sre.google/sre-book/monitoring-distributed-systems/',
    gap: 'A judgement about what users feel; no check can decide it. SLO burn-rate alerts are the symptom-based form.',
    bad: () => queue({ severity: 'critical' }),
    good: () => alertProject('HighErrorRate', shopErrorAlert()),
  },
  {
    id: 'alerts/pages-too-often',
    area: 'alerts',
    mistake: 'A threshold so low that the alert pages several times a day on normal traffic.',
    source: 'https://sre.google/workbook/alerting-on-slos/',
    gap: 'Depends on the traffic; a backtest against the live Prometheus (issue 27) counts the pages a week.',
    bad: () => queue({ expr: promql`max by (queue) (queue_depth) > 20` }),
    good: () => queue(),
  },
  {
    id: 'alerts/duplicate-name',
    area: 'alerts',
    mistake: 'Two alerts with one name in a system: their runbooks, routing and silences collide.',
    source: `${PINT}rule/duplicate.html`,
    caughtBy: 'rule/duplicate',
    bad: () =>
      shopRules('shop-alerts', [
        alert('QueueBacklog', queueAlertSpec()),
        alert('QueueBacklog', queueAlertSpec({ severity: 'critical' })),
      ]),
    good: () => queue(),
  },
  {
    id: 'alerts/topk',
    area: 'alerts',
    mistake:
      'topk() in an alert: which series are in the top set changes between evaluations, so alerts resolve and fire again.',
    source: `${PINT}promql/fragile.html`,
    caughtBy: 'rule/fragile',
    bad: () => queue({ expr: promql`topk(3, max by (queue) (queue_depth)) > 100` }),
    good: () => queue(),
  },
];
