import type { Metric } from './model/catalog.ts';
import type { Rule } from './model/rule.ts';

/** Subject strings: `system/kind/name`; they key `allow` lists and identify findings. */
export const subjectOf = {
  catalog: (system: string): string => `${system}/catalog`,
  metric: (metric: Pick<Metric, 'system' | 'key'>): string => `${metric.system}/metric/${metric.key}`,
  label: (system: string, label: string): string => `${system}/label/${label}`,
  metricLabel: (metric: Pick<Metric, 'system' | 'key'>, label: string): string =>
    `${metric.system}/metric/${metric.key}{${label}}`,
  slo: (system: string, name: string): string => `${system}/slo/${name}`,
  dashboard: (system: string, name: string): string => `${system}/dashboard/${name}`,
  logsQuery: (system: string, name: string): string => `${system}/logs-query/${name}`,
  alarm: (system: string, name: string): string => `${system}/alarm/${name}`,
  cloudwatchDashboard: (system: string, name: string): string => `${system}/cloudwatch-dashboard/${name}`,
  rule: (system: string, rule: Pick<Rule, 'kind' | 'name'>): string =>
    `${system}/${rule.kind === 'alert' ? 'alert' : 'record'}/${rule.name}`,
};
