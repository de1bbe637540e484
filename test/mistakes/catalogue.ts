// The catalogue of mistakes a senior reviewer catches, by area; docs/mistakes.md is written from it.
import type { Area, Mistake } from './base.ts';
import { ALERT_MISTAKES } from './alerts.ts';
import { CATALOG_MISTAKES } from './catalog.ts';
import { CLOUDWATCH_MISTAKES } from './cloudwatch.ts';
import { COLLECTOR_MISTAKES } from './collector.ts';
import { DASHBOARD_MISTAKES } from './dashboards.ts';
import { ROUTING_MISTAKES } from './routing.ts';
import { RULE_MISTAKES } from './rules.ts';
import { SLO_MISTAKES } from './slos.ts';

export type { Area, Mistake };

export const AREAS: readonly { readonly area: Area; readonly title: string }[] = [
  { area: 'catalog', title: 'Instrumentation (the catalog)' },
  { area: 'rules', title: 'PromQL and recording rules' },
  { area: 'alerts', title: 'Alerting rules' },
  { area: 'slos', title: 'SLOs' },
  { area: 'routing', title: 'Alertmanager routing' },
  { area: 'dashboards', title: 'Dashboards' },
  { area: 'collector', title: 'Collector pipelines' },
  { area: 'cloudwatch', title: 'CloudWatch alarms and Logs Insights' },
];

export const MISTAKES: readonly Mistake[] = [
  ...CATALOG_MISTAKES,
  ...RULE_MISTAKES,
  ...ALERT_MISTAKES,
  ...SLO_MISTAKES,
  ...ROUTING_MISTAKES,
  ...DASHBOARD_MISTAKES,
  ...COLLECTOR_MISTAKES,
  ...CLOUDWATCH_MISTAKES,
];
