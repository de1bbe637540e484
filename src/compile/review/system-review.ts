import type { SystemEstimate } from '../../derive/cardinality-estimate.ts';
import { isAlert } from '../../derive/rule-analysis.ts';
import { budgetMinutes } from '../../derive/slo/slo-plan.ts';
import { decimal, multiply, toText } from '../../derive/slo/decimal.ts';
import type { SystemFacts } from '../../derive/system-facts.ts';
import { formatDuration } from '../../model/duration.ts';
import type { LabelDomain } from '../../model/label-domain.ts';
import type { Expr } from '../../promql/ast.ts';
import { renderNumber } from '../../promql/render.ts';
import { uidOf } from '../../derive/artifact-names.ts';
import { collectorPipelines } from '../../otel/collector-pipelines.ts';
import { contentPanels } from '../../grafana/dashboard-panels.ts';
import { runbookPath } from '../prometheus/alert-annotations.ts';
import type { SystemArtifacts } from '../system-artifacts.ts';
import type { AlertReview, DashboardReview, MetricReview, PanelReview, SystemReview } from './review-model.ts';

const HUNDRED = decimal(100);
const COMPARISONS = new Set(['>', '<', '>=', '<=', '==', '!=']);
const FLIPPED: Readonly<Record<string, string>> = {
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
  '==': '==',
  '!=': '!=',
};

/** The comparison with a constant at the top of an alert's expression: `> 0.05`. */
function thresholdOf(expr: Expr | undefined): string | undefined {
  let node = expr;
  while (node?.type === 'paren') node = node.expr;
  if (node?.type !== 'binary' || !COMPARISONS.has(node.op)) return undefined;
  if (node.rhs.type === 'number') return `${node.op} ${renderNumber(node.rhs.value)}`;
  if (node.lhs.type === 'number') return `${FLIPPED[node.op]} ${renderNumber(node.lhs.value)}`;
  return undefined;
}

/** One system's part of the review model, from what the build derived and compiled. */
export function systemReview(
  facts: SystemFacts,
  artifacts: SystemArtifacts,
  estimate: SystemEstimate,
): Omit<SystemReview, 'alerts'> & { readonly alerts: readonly Omit<AlertReview, 'receivers'>[] } {
  const system = artifacts.system;
  const alerts = facts.rules.rules.filter(isAlert).map((entry) => {
    const compiled = artifacts.alerts.get(entry.rule);
    const labels = Object.fromEntries(compiled?.labels ?? []);
    return {
      name: entry.rule.name,
      group: entry.group.name,
      severity: entry.rule.severity,
      expr: entry.text,
      threshold: thresholdOf(entry.analysis.expr),
      for: entry.rule.for,
      labels,
      summary: entry.rule.summary,
      runbook: runbookPath(system, entry.rule),
      tests: (entry.rule.tests ?? []).map((test) => test.name),
      defined: `${entry.rule.at.file}:${entry.rule.at.line}`,
    };
  });
  const recordings = facts.rules.rules
    .filter((entry) => entry.rule.kind === 'record')
    .map((entry) => ({ name: entry.rule.name, group: entry.group.name, expr: entry.text }));
  const slos = facts.sloPlans.map((plan) => ({
    name: String(plan.slo.name),
    objectives: plan.variants.map(({ variant }) => toText(multiply(variant.objective, HUNDRED))),
    // A period that is no duration is slo/invalid; the review still shows what was written.
    period: String(plan.period),
    budgetMinutes: plan.variants.map(({ variant }) => budgetMinutes(plan, variant)),
    tiers: [...plan.tiers],
    conditions: (plan.variants[0]?.conditions ?? []).map(
      (c) => `${c.tier}: ${toText(c.factor)}× over ${formatDuration(c.long)} and ${formatDuration(c.short)}`,
    ),
  }));
  const metrics: MetricReview[] = estimate.metrics.map((m) => ({
    name: m.metric.name,
    kind: m.metric.kind,
    unit: m.metric.spec.unit,
    help: m.metric.spec.help,
    otel: m.metric.spec.otel,
    budget: m.metric.spec.budget,
    instances: m.metric.spec.instances,
    cloudwatch:
      m.metric.spec.cloudwatch === undefined
        ? undefined
        : `${m.metric.spec.cloudwatch.namespace} [${m.metric.spec.cloudwatch.dimensions.map((set) => set.join(', ')).join('] [')}]`,
    series: m.series,
    labels: m.labels.map((l) => ({
      name: l.label,
      values: Number.isFinite(l.values) ? l.values : 'unbounded',
      dropped: l.dropped,
      domain: domainText(system.catalog.labels[l.label], l.domain),
    })),
    buckets: [...(m.metric.spec.buckets ?? [])],
    quantiles: [...(m.metric.spec.quantiles ?? [])],
    cap: m.metric.spec.combinations?.max,
    product: m.labels.filter((l) => !l.dropped).reduce((product, l) => product * l.values, 1),
  }));
  return {
    name: system.name,
    description: system.description,
    series: estimate.series,
    budget: estimate.budget,
    metrics,
    alerts,
    recordings,
    slos,
    dashboards: artifacts.dashboards.map(({ dashboard, json, sketch }): DashboardReview => ({
      name: dashboard.name,
      uid: uidOf(system.name, dashboard),
      title: json.title ?? dashboard.name,
      origin: dashboard.origin,
      panels: panelsOf(json),
      sketch,
    })),
    collector:
      system.collector === undefined
        ? undefined
        : {
            pipelines: collectorPipelines(system).map(([id, p]) => ({
              id,
              receivers: [...p.receivers],
              processors: [...(p.processors ?? [])],
              exporters: [...p.exporters],
            })),
            drops: system.catalog.metricList.flatMap((metric) =>
              Object.entries(metric.spec.drop)
                .filter(([, stage]) => stage === 'collector')
                .map(([label]) => `${metric.name}{${label}}`),
            ),
          },
    cloudwatch: Object.entries(artifacts.cloudformation?.Resources ?? {}).map(([id, resource]) => ({
      id,
      type: resource.Type,
      properties: JSON.stringify(resource.Properties),
    })),
  };
}

/** The panel fields the review reads, as the compiled dashboard writes them. */
type ReviewedPanel = {
  title?: string;
  type?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  targets?: { expr?: string }[];
  fieldConfig?: { defaults?: { unit?: string } };
};

function panelsOf(json: { panels?: unknown[] }): PanelReview[] {
  return contentPanels(json).map((entry) => {
    const panel = entry as ReviewedPanel;
    const pos = panel.gridPos;
    return {
      title: panel.title ?? '',
      type: panel.type ?? '',
      position: pos === undefined ? '' : `${pos.x},${pos.y} ${pos.w}x${pos.h}`,
      unit: panel.fieldConfig?.defaults?.unit,
      queries: (panel.targets ?? []).flatMap((t) => (typeof t.expr === 'string' ? [t.expr] : [])),
    };
  });
}

/** A label's domain as a reviewer reads it in a diff. */
function domainText(domain: LabelDomain | undefined, kind: string): string {
  if (domain === undefined) return kind;
  if (domain.kind === 'oneOf') return `oneOf(${domain.values.join(', ')})`;
  return domain.kind === 'bounded' ? `bounded(${domain.max})` : 'unbounded';
}
