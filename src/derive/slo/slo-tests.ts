import { formatDuration, type Duration } from '../../model/duration.ts';
import type { Metric } from '../../model/catalog.ts';
import { histogramTestSeries, type AlertTest, type TestSeries } from '../../model/rule.ts';
import type { Matcher, VectorSelector } from '../../promql/ast.ts';
import { renderNumber } from '../../promql/render.ts';
import { sliWindows, type Tier } from './burn-conditions.ts';
import { toNumber, toText } from './decimal.ts';
import { exampleMatching, exampleNotMatching } from './example-values.ts';
import type { SloPlan, ObjectiveVariant } from './slo-plan.ts';
import type { SliSources } from './sli-sources.ts';

/** Events per input step in generated traffic: enough resolution for budgets down to 0.01 %. */
const EVENTS_PER_MINUTE = 100_000;
/**
 * Input step per tier. Page cases sample every minute; ticket cases, over days, every 2 minutes:
 * the staged SLI rates read 5 minutes of raw series, which needs two samples in every 5 minutes.
 */
const STEP: Readonly<Record<Tier | 'noData', number>> = { page: 60, ticket: 120, noData: 60 };
/**
 * Rules are evaluated every 5 minutes in every case: the SLO's rules are one ordered group,
 * so alerts read ratios recorded at the same instant, and the shortest window is 5m.
 */
const EVALUATION: Duration = '5m';

export interface SloTests {
  readonly page: AlertTest[];
  readonly ticket: AlertTest[];
  readonly noData: AlertTest[];
}

/**
 * promtool cases for an SLO's alerts. Traffic has a constant bad-event ratio, so every window
 * sees the same ratio and the alert's value is that ratio.
 */
export function sloAlertTests(plan: SloPlan, sli: SliSources): SloTests {
  const tests: SloTests = { page: [], ticket: [], noData: [] };
  const step = (tier: Tier | 'noData') => ({ interval: formatDuration(STEP[tier]), evaluationInterval: EVALUATION });
  const forSeconds = (tier: Tier): number => plan.slo.forSeconds[tier];
  for (const { variant, conditions } of plan.variants) {
    const groups = groupValues(plan, variant, sli);
    if (groups === undefined) return tests;
    for (const tier of plan.tiers) {
      const possible = conditions.filter((c) => c.tier === tier && c.possible);
      if (possible.length === 0) continue;
      for (const condition of possible) {
        const threshold = toNumber(condition.threshold);
        let bad = Math.ceil(threshold * 1.1 * EVENTS_PER_MINUTE);
        if (bad >= EVENTS_PER_MINUTE) bad = Math.floor(((threshold + 1) / 2) * EVENTS_PER_MINUTE);
        if (bad / EVENTS_PER_MINUTE <= threshold) bad++;
        const at = condition.long + forSeconds(tier) + 3 * 600;
        const series = traffic(plan, sli, groups, bad, at, STEP[tier]);
        if (series === undefined) return tests;
        tests[tier].push({
          name: `${describeVariant(variant)}${percent(bad)} bad events burn ${toText(condition.factor)}× the budget (${formatDuration(condition.long)}/${formatDuration(condition.short)} windows)`,
          ...step(tier),
          series,
          at: formatDuration(at),
          alerts: [{ labels: { ...sloLabelValues(plan), ...groups }, value: bad / EVENTS_PER_MINUTE }],
          location: plan.slo.at,
        });
      }
      const lowest = Math.min(...possible.map((c) => toNumber(c.threshold)));
      const quietBad = Math.floor(lowest * 0.9 * EVENTS_PER_MINUTE);
      const quietAt = Math.max(...possible.map((c) => c.long)) + forSeconds(tier) + 3 * 600;
      const quietSeries = traffic(plan, sli, groups, quietBad, quietAt, STEP[tier]);
      if (quietSeries !== undefined) {
        tests[tier].push({
          name: `${describeVariant(variant)}${percent(quietBad)} bad events stay under the lowest ${tier} threshold`,
          ...step(tier),
          series: quietSeries,
          at: formatDuration(quietAt),
          alerts: [],
          location: plan.slo.at,
        });
      }
      if (variant === plan.variants[0]?.variant && tier === plan.tiers[0]) {
        const healthy = healthyCase(plan, sli, groups, STEP[tier]);
        if (healthy !== undefined) tests[tier].push({ ...healthy, ...step(tier) });
      }
      if (variant === plan.variants[0]?.variant) {
        const zeroAt = 6 * 3600 + 3 * 600;
        const zero = traffic(plan, sli, groups, 0, zeroAt, STEP[tier], 0);
        if (zero !== undefined)
          tests[tier].push({
            name: 'zero traffic stays quiet (0/0 is NaN, and NaN > x is false)',
            ...step(tier),
            series: zero,
            at: formatDuration(zeroAt),
            alerts: [],
            location: plan.slo.at,
          });
      }
    }
  }
  const first = plan.variants[0]?.variant;
  const groups = first === undefined ? undefined : groupValues(plan, first, sli);
  if (groups !== undefined && plan.slo.alerting?.noData !== false) {
    const wait = plan.slo.forSeconds.noData;
    const reporting = 10 * 60;
    const at = reporting + 300 + wait + 3 * 600;
    const labels = concreteLabels(sli.total.matchers, plan, groups);
    if (labels !== undefined) {
      const total = (steps: number): TestSeries => ({
        series: seriesText(sli.total.name!, labels),
        values: `0+${EVENTS_PER_MINUTE}x${steps}`,
      });
      const absentLabels = Object.fromEntries(
        sli.total.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => [m.label, m.value]),
      );
      tests.noData.push({
        name: `the SLI's series stop after ${formatDuration(reporting)}`,
        ...step('noData'),
        series: [total(reporting / STEP.noData)],
        at: formatDuration(at),
        alerts: [{ labels: { ...absentLabels, ...sloLabelValues(plan) } }],
        location: plan.slo.at,
      });
      tests.noData.push({
        name: 'the SLI keeps reporting',
        ...step('noData'),
        series: [total(at / STEP.noData + 5)],
        at: formatDuration(at),
        alerts: [],
        location: plan.slo.at,
      });
    }
  }
  return tests;
}

/**
 * A service that has never failed: traffic, and no series of its bad events at all (a counter with
 * an error label appears only with the first error). Its SLI must read 0 and its budget left 1,
 * not be absent, or its dashboards show "No data" (Sloth's rules divide absent by present).
 */
function healthyCase(
  plan: SloPlan,
  sli: SliSources,
  groups: Record<string, string>,
  stepSeconds: number,
): Omit<AlertTest, 'interval' | 'evaluationInterval'> | undefined {
  if (sli.bad === undefined || sli.latency !== undefined) return undefined;
  const at = 3600;
  // traffic() lists the bad events' series first; a healthy service has only the rest.
  const series = traffic(plan, sli, groups, 0, at, stepSeconds)?.slice(1);
  if (series === undefined || series.length === 0) return undefined;
  const labels = seriesLabels({ ...sloLabelValues(plan), ...groups });
  return {
    name: 'no error series yet: the SLI is 0 and the whole budget is left',
    series,
    at: formatDuration(at),
    alerts: [],
    expressions: [
      {
        expr: `slo:sli_error:ratio_rate5m{sloth_id="${plan.id}"}`,
        samples: [{ series: `slo:sli_error:ratio_rate5m{${labels}, sloth_window="5m"}`, value: 0 }],
      },
      {
        expr: `slo:period_error_budget_remaining:ratio{sloth_id="${plan.id}"}`,
        // The period window's label stays on what is derived from it (as the recording writes it).
        samples: [
          {
            series: `slo:period_error_budget_remaining:ratio{${labels}, sloth_window=${JSON.stringify(periodWindow(plan))}}`,
            value: 1,
          },
        ],
      },
    ],
    location: plan.slo.at,
  };
}

function periodWindow(plan: SloPlan): string {
  return sliWindows().includes(plan.periodSeconds) ? formatDuration(plan.periodSeconds) : String(plan.period);
}

function seriesLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}

function sloLabelValues(plan: SloPlan): Record<string, string> {
  return { sloth_id: plan.id, sloth_service: plan.service, sloth_slo: plan.slo.name };
}

function describeVariant(variant: ObjectiveVariant): string {
  return variant.matcher === undefined
    ? ''
    : `${variant.matcher.label} ${variant.matcher.op === '=~' ? variant.matcher.values[0] : `not ${variant.matcher.values.join('/')}`} (${toText(variant.objective)}): `;
}

function percent(bad: number): string {
  // bad is a whole number of events in EVENTS_PER_MINUTE = 100,000: percent = bad / 1000 exactly.
  return `${renderNumber(bad / (EVENTS_PER_MINUTE / 100))}%`;
}

function domainValues(plan: SloPlan, label: string): readonly string[] {
  const domain = Object.hasOwn(plan.system.catalog.labels, label) ? plan.system.catalog.labels[label] : undefined;
  return domain?.kind === 'oneOf' ? domain.values : [];
}

/** A concrete value for each `by` label, inside the variant's groups. */
function groupValues(plan: SloPlan, variant: ObjectiveVariant, sli: SliSources): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const label of plan.slo.by ?? []) {
    const fixed = sli.total.matchers.find((m) => m.label === label && m.op === '=');
    const domain = domainValues(plan, label);
    let value: string | undefined;
    if (fixed !== undefined) value = fixed.value;
    else if (variant.matcher?.label === label)
      value =
        variant.matcher.op === '=~'
          ? variant.matcher.values[0]
          : (domain.find((v) => !variant.matcher!.values.includes(v)) ?? 'example');
    else value = domain[0] ?? 'example';
    if (value === undefined) return undefined;
    values[label] = value;
  }
  return values;
}

/** Labels satisfying every matcher, plus the group labels; undefined when a pattern defeats us. */
function concreteLabels(
  matchers: readonly Matcher[],
  plan: SloPlan,
  groups: Record<string, string>,
): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...groups };
  for (const m of matchers) {
    if (m.label === '__name__' || Object.hasOwn(groups, m.label)) continue;
    const domain = domainValues(plan, m.label);
    const value =
      m.op === '='
        ? m.value
        : m.op === '=~'
          ? exampleMatching(m.value, domain)
          : exampleNotMatching(m.op === '!=' ? '=' : '=~', m.value, domain);
    if (value === undefined) return undefined;
    labels[m.label] = value;
  }
  return labels;
}

function seriesText(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** Input series carrying `bad` bad events and `total` events a minute until `until` seconds. */
function traffic(
  plan: SloPlan,
  sli: SliSources,
  groups: Record<string, string>,
  bad: number,
  until: number,
  stepSeconds: number,
  total = EVENTS_PER_MINUTE,
): TestSeries[] | undefined {
  const steps = Math.ceil(until / stepSeconds) + 5;
  const grow = (per: number): string => (per === 0 ? `0x${steps}` : `0+${per}x${steps}`);
  if (sli.latency !== undefined) {
    const histogram =
      plan.slo.sli.kind === 'latency' ? (plan.slo.sli.histogram as unknown as Metric | { metric: Metric }) : undefined;
    const metric = histogram === undefined ? undefined : 'metric' in histogram ? histogram.metric : histogram;
    if (metric === undefined) return undefined;
    const family: VectorSelector = { ...sli.total, name: metric.name };
    const labels = concreteLabels(family.matchers, plan, groups);
    if (labels === undefined) return undefined;
    const bounds = metric.spec.buckets ?? [];
    const threshold = sli.latency.threshold;
    const slow = bounds.find((b) => b > threshold) ?? threshold * 2;
    const selection = {
      metric,
      matchers: Object.entries(labels).map(([label, value]) => ({ label, op: '=' as const, value })),
    };
    return histogramTestSeries(
      selection as never,
      [
        { value: slow, count: bad },
        { value: threshold, count: total - bad },
      ],
      steps,
    );
  }
  const classify = sli.bad ?? sli.good!;
  const classifiedLabels = concreteLabels(classify.matchers, plan, groups);
  if (classifiedLabels === undefined) return undefined;
  const classifiedCount = sli.bad !== undefined ? bad : total - bad;
  if (classify.name !== sli.total.name) {
    const totalLabels = concreteLabels(sli.total.matchers, plan, groups);
    if (totalLabels === undefined) return undefined;
    return [
      { series: seriesText(classify.name!, classifiedLabels), values: grow(classifiedCount) },
      { series: seriesText(sli.total.name!, totalLabels), values: grow(total) },
    ];
  }
  // Same metric: the other events differ in the labels that classify them.
  const otherLabels = concreteLabels(sli.total.matchers, plan, groups);
  if (otherLabels === undefined) return undefined;
  for (const m of classify.matchers) {
    if (m.label === '__name__' || Object.hasOwn(groups, m.label) || sli.total.matchers.some((t) => t.label === m.label))
      continue;
    const other = exampleNotMatching(m.op, m.value, domainValues(plan, m.label));
    if (other === undefined) return undefined;
    otherLabels[m.label] = other;
  }
  return [
    { series: seriesText(classify.name!, classifiedLabels), values: grow(classifiedCount) },
    { series: seriesText(sli.total.name!, otherLabels), values: grow(total - classifiedCount) },
  ];
}
