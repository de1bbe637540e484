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
  /** A route by its position: `alertmanager/route/root`, `alertmanager/route/2.1` (1-based child indexes). */
  route: (position: readonly number[]): string =>
    `alertmanager/route/${position.length === 0 ? 'root' : position.map((i) => i + 1).join('.')}`,
  receiver: (name: string): string => `alertmanager/receiver/${name}`,
  notificationTemplate: (name: string): string => `alertmanager/template/${name}`,
  timeInterval: (name: string): string => `alertmanager/time-interval/${name}`,
  inhibition: (index: number): string => `alertmanager/inhibition/${index + 1}`,
  /** A system's documents of one deployment format: `ai-teams/deploy/grafana-sidecar`. */
  deployed: (system: string, format: string): string => `${system}/deploy/${format}`,
  rule: (system: string, rule: Pick<Rule, 'kind' | 'name'>): string =>
    `${system}/${rule.kind === 'alert' ? 'alert' : 'record'}/${rule.name}`,
};
