import { formatDuration } from '../../model/duration.ts';
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { renderPromql } from '../../promql/render.ts';
import { kubernetesObjectName } from '../../derive/artifact-names.ts';
import { sliSources } from '../../derive/slo/sli-sources.ts';
import type { SloPlan } from '../../derive/slo/slo-plan.ts';
import { toNumber } from '../../derive/slo/decimal.ts';
import type { YamlValue } from '../yaml-emitter.ts';

type Document = { readonly [key: string]: YamlValue };

/** The annotation carrying obsgen's own form of what OpenSLO v1 cannot say, for a lossless import. */
const OBSGEN_ANNOTATION = 'obsgen.dev';

/**
 * An SLO as OpenSLO v1 objects: its SLI (ratioMetric on the raw counters, `counter: true`, so any
 * OpenSLO tool can take its own windows), the SLO (rolling period, Occurrences, one objective),
 * and one AlertPolicy per burn-rate condition (OpenSLO allows one condition a policy), notifying
 * Alertmanager. What OpenSLO has no field for (the short window, `by`, per-value objectives, an
 * events SLI's window template) rides in `metadata.annotations` under obsgen.dev/.
 */
export function opensloDocuments(plan: SloPlan): Document[] {
  const variant = plan.variants[0];
  // An objective that is no percentage plans nothing (slo/objective-range reports it).
  if (variant === undefined) return [];
  // OpenSLO names are RFC 1123 labels (63 characters), and the longest suffix added is -ticket-3d-burn.
  const name = kubernetesObjectName('', `${plan.system.name}-${plan.slo.name}`, 63 - '-ticket-3d-burn'.length);
  const sli = sliDocument(plan, `${name}-sli`);
  const policies = variant.conditions.map((condition) => {
    const policyName = `${name}-${condition.tier}-${formatDuration(condition.long)}`;
    const tier = plan.slo.alerting?.[condition.tier];
    return {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: {
        name: policyName,
        annotations: { [`${OBSGEN_ANNOTATION}/short-window`]: formatDuration(condition.short) },
      },
      spec: {
        description: `${condition.tier === 'page' ? 'Page' : 'Ticket'}: the error budget burns ${toNumber(condition.factor)}× too fast over ${formatDuration(condition.long)} and ${formatDuration(condition.short)}.`,
        alertWhenBreaching: true,
        alertWhenResolved: false,
        alertWhenNoData: plan.slo.alerting?.noData !== false,
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: `${policyName}-burn` },
            spec: {
              severity: condition.tier === 'page' ? 'critical' : 'warning',
              condition: {
                kind: 'burnrate',
                op: 'gte',
                threshold: toNumber(condition.factor),
                lookbackWindow: formatDuration(condition.long),
                alertAfter: (typeof tier === 'object' ? tier.for : undefined) ?? '0m',
              },
            },
          },
        ],
        notificationTargets: [{ targetRef: 'alertmanager' }],
      },
    } satisfies Document;
  });
  const annotations: Record<string, string> = {};
  if (plan.slo.by !== undefined && plan.slo.by.length > 0)
    annotations[`${OBSGEN_ANNOTATION}/by`] = plan.slo.by.join(',');
  if (plan.slo.objectives !== undefined)
    annotations[`${OBSGEN_ANNOTATION}/objectives`] = JSON.stringify(plan.slo.objectives);
  if (plan.slo.alerting !== undefined) annotations[`${OBSGEN_ANNOTATION}/alerting`] = JSON.stringify(plan.slo.alerting);
  const slo: Document = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      displayName: plan.slo.name,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
    },
    spec: {
      ...(plan.slo.description === undefined ? {} : { description: plan.slo.description }),
      service: plan.service,
      indicatorRef: `${name}-sli`,
      timeWindow: [{ duration: plan.period, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: plan.slo.name, target: Number((plan.slo.objective / 100).toPrecision(12)) }],
      ...(policies.length === 0 ? {} : { alertPolicies: policies.map((p) => p.metadata.name) }),
    },
  };
  return [sli, slo, ...policies];
}

/** The Service every SLO of a system names, and the notification target every policy refers to. */
export function opensloSystemDocuments(system: string, services: readonly string[]): Document[] {
  return [
    ...[...new Set(services)].sort().map((service) => ({
      apiVersion: 'openslo/v1',
      kind: 'Service',
      metadata: { name: service },
      spec: { description: `Service of system ${system}.` },
    })),
    {
      apiVersion: 'openslo/v1',
      kind: 'AlertNotificationTarget',
      metadata: { name: 'alertmanager' },
      spec: {
        target: 'alertmanager',
        description: 'Alerts go to Alertmanager, routed by generated/alertmanager/alertmanager.yml.',
      },
    },
  ];
}

function sliDocument(plan: SloPlan, name: string): Document {
  const sources = sliSources(plan.slo);
  const metric = (query: string): Document => ({ metricSource: { type: 'Prometheus', spec: { query } } });
  const by = plan.slo.by ?? [];
  const sum = (selector: VectorSelector): string => renderPromql(sumOf(selector, by));
  let ratioMetric: Document;
  const annotations: Record<string, string> = {};
  if (sources === undefined) {
    ratioMetric = { counter: true, total: metric('') };
  } else if ('events' in sources) {
    // OpenSLO has no window template: the queries at 5m for other tools, obsgen's form beside them.
    annotations[`${OBSGEN_ANNOTATION}/errors-query`] = sources.events.errors('{{.window}}');
    annotations[`${OBSGEN_ANNOTATION}/total-query`] = sources.events.total('{{.window}}');
    ratioMetric = {
      counter: false,
      bad: metric(sources.events.errors('5m')),
      total: metric(sources.events.total('5m')),
    };
  } else if (sources.latency !== undefined) {
    annotations[`${OBSGEN_ANNOTATION}/threshold`] = String(sources.latency.threshold);
    ratioMetric = { counter: true, good: metric(sum(sources.latency.buckets)), total: metric(sum(sources.total)) };
  } else {
    ratioMetric = {
      counter: true,
      ...(sources.bad !== undefined ? { bad: metric(sum(sources.bad)) } : { good: metric(sum(sources.good!)) }),
      total: metric(sum(sources.total)),
    };
  }
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name, ...(Object.keys(annotations).length === 0 ? {} : { annotations }) },
    spec: { ratioMetric },
  };
}

function sumOf(selector: VectorSelector, by: readonly string[]): Expr {
  return {
    type: 'aggregate',
    op: 'sum',
    expr: selector,
    ...(by.length === 0 ? {} : { grouping: { without: false, labels: by } }),
  };
}
