// The small, clean projects the catalogue's bad/good pairs vary: each helper builds one whole
// project from the shop catalog, so a pair differs only in the one thing a reviewer would flag.
import {
  alert,
  alertmanager,
  collector,
  dashboard,
  fires,
  project,
  promql,
  quiet,
  record,
  row,
  ruleGroup,
  series,
  slo,
  system,
  type AlertmanagerSpec,
  type AlertSpec,
  type Duration,
  type ComponentConfig,
  type Panel,
  type Project,
  type Rule,
  type SloSpec,
} from 'obsgen';
import type { RuleId } from '../../src/rule-id.ts';
import { prometheusCollector } from '../fixtures/prometheus-collector.ts';
import { shop } from '../fixtures/promql-catalog.ts';
import { alertingProject, routes } from '../fixtures/alerting-project.ts';

export type Area = 'catalog' | 'rules' | 'alerts' | 'slos' | 'routing' | 'dashboards' | 'collector' | 'cloudwatch';

/** One mistake a senior reviewer catches, with where it is written down and a bad/good pair. */
export interface Mistake {
  /** Stable id: area/short-name. */
  readonly id: string;
  readonly area: Area;
  /** The mistake, as the reviewer would say it. */
  readonly mistake: string;
  /** The public page that describes it (documentation, best practice, a linter's check). */
  readonly source: string;
  /** The rule id obsgen reports on `bad`; absent when obsgen does not catch it. */
  readonly caughtBy?: RuleId;
  /** When obsgen does not catch it: why (it cannot be decided from the definitions, or no check yet) and what could. */
  readonly gap?: string;
  readonly bad: () => Project;
  readonly good: () => Project;
}

const m = shop.metrics;

/** PromQL text as a query, as promql`…` makes it. */
export function promqlText(expr: string) {
  return promql(Object.assign([expr], { raw: [expr] }));
}

/** The shop system with one rule group of `rules` (and optionally an interval). */
export function shopRules(group: string, rules: readonly Rule[], interval?: Duration): Project {
  return project({
    systems: [
      system({
        catalog: shop,
        collector: prometheusCollector,
        rules: [ruleGroup(group, { ...(interval === undefined ? {} : { interval }), rules: [...rules] })],
      }),
    ],
  });
}

/** A recording rule of the shop system. */
export function recording(name: string, expr: string): Project {
  return shopRules('shop-recordings', [record(name, promqlText(expr))]);
}

/** A tested alert on the depth of the shop's queues; `change` plants one mistake. */
export function queueAlertSpec(change: Partial<AlertSpec> = {}): AlertSpec {
  return {
    expr: promql`max by (queue) (queue_depth) > 100`,
    for: '10m',
    severity: 'warning',
    summary: 'A queue backs up.',
    description: 'Queue {{ $labels.queue }} holds {{ $value }} items.',
    runbook: { diagnosis: ['Look at the consumers of the queue.'] },
    tests: [
      fires('backlog', {
        at: '30m',
        series: [series(m.queue_depth.where({ queue: 'orders' }), '500x60')],
        alerts: [{ labels: { queue: 'orders' }, value: 500 }],
      }),
      quiet('drained', { at: '30m', series: [series(m.queue_depth.where({ queue: 'orders' }), '5x60')] }),
    ],
    ...change,
  };
}

/** The shop system with one alert (and optionally a group interval). */
export function alertProject(name: string, spec: AlertSpec, interval?: Duration): Project {
  return shopRules('shop-alerts', [alert(name, spec)], interval);
}

/** The shop system with one SLO. */
export function sloProject(spec: SloSpec<'service_name' | 'status_code' | 'queue' | 'trace_id'>): Project {
  return project({
    systems: [system({ catalog: shop, collector: prometheusCollector, slos: [slo('checkout', spec)] })],
  });
}

/** The shop system with one dashboard of one row. */
export function dashboardProject(panels: readonly Panel[], options: { editable?: boolean } = {}): Project {
  return project({
    systems: [
      system({
        catalog: shop,
        collector: prometheusCollector,
        dashboards: [dashboard('shop', { title: 'Shop', rows: [row('Traffic', panels)], ...options })],
      }),
    ],
  });
}

/** The alerting fixture (a critical and a warning alert, pager and chat) with its routing varied. */
export function routingProject(spec: Partial<AlertmanagerSpec> = {}): Project {
  return alertingProject(spec);
}

export { alertmanager, routes };

/** The shop system behind a collector built from `components` (OTLP in, Prometheus out by default). */
export function collectorProject(components: {
  processors?: Record<string, ComponentConfig>;
  exporters?: Record<string, ComponentConfig>;
  chain?: readonly string[];
}): Project {
  const processors = components.processors ?? {
    memory_limiter: { check_interval: '1s', limit_mib: 256 },
    batch: {},
  };
  const exporters = components.exporters ?? { prometheus: { endpoint: '0.0.0.0:8889' } };
  return project({
    systems: [
      system({
        catalog: shop,
        collector: collector({
          receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
          processors,
          exporters,
          pipelines: {
            metrics: {
              receivers: ['otlp'],
              processors: [...(components.chain ?? Object.keys(processors))],
              exporters: Object.keys(exporters),
            },
          },
        }),
      }),
    ],
  });
}
