import { formatDuration } from '../../model/duration.ts';
import type { RecordingRule } from '../../model/rule.ts';
import { DEFAULT_EVALUATION_SECONDS, type ValidAlertRule, type ValidRuleGroup } from '../../model/valid-system.ts';
import type { Expr, Matcher, VectorSelector } from '../../promql/ast.ts';
import { binaryNode as bin, numberNode as num, parenNode as paren } from '../../promql/ast-nodes.ts';
import { query, rawQuery, type Query, type RawPromql } from '../../promql/builder.ts';
import { valueSetMatcher } from '../../promql/value-set-matcher.ts';
import { sliWindows } from './burn-conditions.ts';
import { toNumber, toText } from './decimal.ts';
import type { ObjectiveVariant, SloPlan } from './slo-plan.ts';
import { sloAlertTests } from './slo-tests.ts';
import { sliSources, type EventsSources, type SliSources } from './sli-sources.ts';

/**
 * The SLO's rules as one group: SLI recordings, Sloth's meta recordings, then the alerts. Rules
 * of a group evaluate in order, so an alert always reads the ratios recorded at the same
 * instant; across groups the order is unspecified and an alert may read values one
 * evaluation old (invisible once an evaluation interval exceeds the 5m lookback).
 */
export function sloRuleGroups(plan: SloPlan, parts: 'all' | 'recordings' = 'all'): ValidRuleGroup[] {
  const slo = plan.slo;
  const name = `slo-${slo.name}`;
  const sli = sliSources(slo);
  if (sli === undefined || plan.variants.length === 0) return []; // slo/sli or slo/objective-range reports it
  const recordings = [...sliRecordings(plan, sli), ...metaRecordings(plan)];
  // What no alert reads — the period window and the period's burn rate and budget left — changes
  // slowly: its own group, evaluated every 5 minutes, reads the longest range a fifth as often.
  const slow = recordings.filter((rule) => isPeriodRecording(plan, rule));
  return [
    {
      name,
      interval: undefined,
      intervalSeconds: DEFAULT_EVALUATION_SECONDS,
      // Recordings alone (what the series catalog needs) skip the alerts and their promtool tests.
      rules: [...recordings.filter((rule) => !slow.includes(rule)), ...(parts === 'all' ? alerts(plan, sli) : [])],
      // The period's group too: a test case checks the budget left (slo/healthy).
      testWith: slow.length === 0 ? [name] : [name, `${name}.period`],
      at: slo.at,
    },
    ...(slow.length === 0
      ? []
      : [
          {
            name: `${name}.period`,
            interval: formatDuration(PERIOD_GROUP_SECONDS),
            intervalSeconds: PERIOD_GROUP_SECONDS,
            rules: slow,
            testWith: [name],
            at: slo.at,
          },
        ]),
  ];
}

/** How often the period's group is evaluated (a ratio over 30 days moves little in 5 minutes). */
const PERIOD_GROUP_SECONDS = 300;

/** The period's own recordings: its window (unless alerts read it, as a 1d period's) and what is derived from it. */
function isPeriodRecording(plan: SloPlan, rule: RecordingRule): boolean {
  if (rule.name === 'slo:period_burn_rate:ratio' || rule.name === 'slo:period_error_budget_remaining:ratio')
    return true;
  return rule.name === sliRecordName(plan.periodSeconds) && !sliWindows().includes(plan.periodSeconds);
}

const sumBy = (expr: Expr, by: readonly string[]): Expr => ({
  type: 'aggregate',
  op: 'sum',
  expr,
  ...(by.length === 0 ? {} : { grouping: { without: false, labels: by } }),
});
const rateOf = (selector: VectorSelector, window: number): Expr => ({
  type: 'call',
  func: 'rate',
  args: [{ type: 'matrix', vector: selector, range: window }],
});
const vectorOf = (value: number): Expr => ({ type: 'call', func: 'vector', args: [num(value)] });
const q = (expr: Expr): Query<string, 'vector'> => query(expr, 'vector');

function sloLabels(plan: SloPlan): Record<string, string> {
  return { sloth_id: plan.id, sloth_service: plan.service, sloth_slo: plan.slo.name };
}

function recordedSelector(plan: SloPlan, name: string, variant?: ObjectiveVariant): VectorSelector {
  const matchers: Matcher[] = Object.entries(sloLabels(plan)).map(([label, value]) => ({ label, op: '=', value }));
  if (variant?.matcher !== undefined)
    matchers.push(valueSetMatcher(variant.matcher.label, variant.matcher.op, variant.matcher.values));
  return { type: 'vector', name, matchers };
}

export const sliRecordName = (window: number): string => `slo:sli_error:ratio_rate${formatDuration(window)}`;

/** The staged recordings: bad and total events per second over 5m, per group, read once per evaluation. */
const ERROR_EVENTS = 'slo:sli_error_events:rate5m';
const TOTAL_EVENTS = 'slo:sli_total_events:rate5m';
const SHORT_WINDOW = 300;

/**
 * Bad and total events per second over the short window, per `by` group; events SLIs as written.
 * Bad events are recorded after total events and read them, so a group with traffic always has a
 * bad-event rate: 0 while no error series exists yet (a healthy service's SLI is 0 %, its budget
 * 100 %, not absent), and every event while no good series exists yet.
 */
function eventRates(
  plan: SloPlan,
  sli: SliSources | EventsSources,
): readonly [Query & Partial<RawPromql>, Query & Partial<RawPromql>] {
  if ('events' in sli) return [rawQuery(sli.events.errors('5m')), rawQuery(sli.events.total('5m'))];
  const by = plan.slo.by ?? [];
  const total = sumBy(rateOf(sli.total, SHORT_WINDOW), by);
  const recordedTotal = sumBy(recordedSelector(plan, TOTAL_EVENTS), by);
  const errors =
    sli.latency !== undefined
      ? bin('-', recordedTotal, sumBy(rateOf(sli.latency.buckets, SHORT_WINDOW), by))
      : sli.bad !== undefined
        ? bin('or', sumBy(rateOf(sli.bad, SHORT_WINDOW), by), bin('*', num(0), recordedTotal))
        : bin('or', bin('-', recordedTotal, sumBy(rateOf(sli.good!, SHORT_WINDOW), by)), recordedTotal);
  return [q(errors), q(total)];
}

/**
 * The SLI over every window and the period, staged: the raw series are read once, over 5m, into
 * bad and total event rates per group; every longer window is the ratio of those recordings'
 * sums over it. That reads a few grouped series instead of re-scanning every raw series over up
 * to 3 days (Sloth's shape), and over the period it is a ratio of sums, exact under spiky
 * traffic where Sloth's average of 5m ratios is biased. The Sloth-compatible ratio recordings
 * (names, labels) stay, for dashboards and alerts.
 */
function sliRecordings(plan: SloPlan, sli: SliSources | EventsSources): RecordingRule[] {
  const labels = sloLabels(plan);
  const [errors, total] = eventRates(plan, sli);
  const record = (
    name: string,
    expr: Query & Partial<RawPromql>,
    extra: Record<string, string> = {},
  ): RecordingRule => ({
    kind: 'record',
    origin: 'slo',
    name,
    expr,
    labels: { ...labels, ...extra },
    at: plan.slo.at,
  });
  const errorEvents = recordedSelector(plan, ERROR_EVENTS);
  const totalEvents = recordedSelector(plan, TOTAL_EVENTS);
  const overWindow = (selector: VectorSelector, window: number): Expr => ({
    type: 'call',
    func: 'sum_over_time',
    args: [{ type: 'matrix', vector: selector, range: window }],
  });
  const ratio = (window: number): RecordingRule =>
    record(
      sliRecordName(window),
      q(
        window === SHORT_WINDOW
          ? bin('/', errorEvents, totalEvents)
          : bin('/', overWindow(errorEvents, window), overWindow(totalEvents, window)),
      ),
      {
        sloth_window:
          window === plan.periodSeconds && !sliWindows().includes(window) ? plan.period : formatDuration(window),
      },
    );
  // A period equal to a window (1d) is already recorded under the same name and labels.
  const windows = sliWindows().includes(plan.periodSeconds) ? sliWindows() : [...sliWindows(), plan.periodSeconds];
  // Total first: a rule reads what an earlier rule of its group recorded in the same evaluation.
  return [record(TOTAL_EVENTS, total), record(ERROR_EVENTS, errors), ...windows.map(ratio)];
}

function metaRecordings(plan: SloPlan): RecordingRule[] {
  const labels = sloLabels(plan);
  const at = plan.slo.at;
  const perVariant = (name: string, value: (v: ObjectiveVariant) => number): RecordingRule[] =>
    plan.variants.flatMap(({ variant }) =>
      variant.matcher?.op === '=~'
        ? variant.matcher.values.map((group): RecordingRule => ({
            kind: 'record',
            origin: 'slo',
            name,
            expr: q(vectorOf(value(variant))),
            labels: { ...labels, [variant.matcher!.label]: group },
            at,
          }))
        : [{ kind: 'record', origin: 'slo', name, expr: q(vectorOf(value(variant))), labels, at }],
    );
  // Burn rate: the error ratio over the budget, per objective variant.
  const burnRate = (window: number): Expr => {
    const parts = plan.variants.map(({ variant }) =>
      bin('/', recordedSelector(plan, sliRecordName(window), variant), num(toNumber(variant.budget))),
    );
    return parts.slice(1).reduce((acc, part) => bin('or', acc, part), parts[0]!);
  };
  return [
    ...perVariant('slo:objective:ratio', (v) => toNumber(v.objective)),
    ...perVariant('slo:error_budget:ratio', (v) => toNumber(v.budget)),
    {
      kind: 'record',
      origin: 'slo',
      name: 'slo:time_period:days',
      expr: q(vectorOf(plan.periodSeconds / 86400)),
      labels,
      at,
    },
    { kind: 'record', origin: 'slo', name: 'slo:current_burn_rate:ratio', expr: q(burnRate(300)), labels, at },
    {
      kind: 'record',
      origin: 'slo',
      name: 'slo:period_burn_rate:ratio',
      expr: q(burnRate(plan.periodSeconds)),
      labels,
      at,
    },
    {
      kind: 'record',
      origin: 'slo',
      name: 'slo:period_error_budget_remaining:ratio',
      expr: q(bin('-', num(1), recordedSelector(plan, 'slo:period_burn_rate:ratio'))),
      labels,
      at,
    },
    {
      kind: 'record',
      origin: 'slo',
      name: 'sloth_slo_info',
      expr: q(vectorOf(1)),
      labels: { ...labels, sloth_mode: 'obsgen', sloth_objective: String(plan.slo.objective), sloth_spec: 'obsgen/v1' },
      at,
    },
  ];
}

/** `max without (sloth_window) (ratio > threshold)` for both windows of every possible condition, or-ed. */
function burnExpression(plan: SloPlan, tier: 'page' | 'ticket'): Expr | undefined {
  const clauses: Expr[] = [];
  for (const { variant, conditions } of plan.variants) {
    for (const condition of conditions) {
      if (condition.tier !== tier || !condition.possible) continue;
      const over = (window: number): Expr => ({
        type: 'aggregate',
        op: 'max',
        expr: bin('>', recordedSelector(plan, sliRecordName(window), variant), num(toNumber(condition.threshold))),
        grouping: { without: true, labels: ['sloth_window'] },
      });
      clauses.push(paren(bin('and', over(condition.short), over(condition.long))));
    }
  }
  return clauses.length === 0
    ? undefined
    : clauses.slice(1).reduce((acc, clause) => bin('or', acc, clause), clauses[0]!);
}

function groupTemplate(plan: SloPlan): string {
  return (plan.slo.by ?? []).map((label) => ` {{ $labels.${label} }}`).join('');
}

function alerts(plan: SloPlan, sli: SliSources | EventsSources): ValidAlertRule[] {
  const slo = plan.slo;
  const out: ValidAlertRule[] = [];
  const tests = 'events' in sli ? { page: [], ticket: [], noData: [] } : sloAlertTests(plan, sli);
  for (const tier of plan.tiers) {
    const expr = burnExpression(plan, tier);
    const spec = slo.alerting?.[tier];
    if (expr === undefined || spec === false) continue;
    const name = `${plan.alertStem}${tier === 'page' ? 'FastBurn' : 'SlowBurn'}`;
    out.push({
      kind: 'alert',
      name,
      runbookPage: 'slos',
      // The SLO's own dashboard: its burn-rate panels show which condition fired.
      dashboard: { dashboard: `slo-${slo.name}` },
      expr: q(expr),
      ...(spec?.for === undefined ? {} : { for: spec.for }),
      forSeconds: slo.forSeconds[tier],
      keepFiringForSeconds: 0,
      severity: tier === 'page' ? 'critical' : 'warning',
      labels: { sloth_severity: tier, ...(spec?.labels ?? {}) },
      ...(spec?.annotations === undefined ? {} : { annotations: spec.annotations }),
      summary:
        tier === 'page'
          ? `The ${slo.name} SLO burns its error budget fast.`
          : `The ${slo.name} SLO burns its error budget faster than the period allows.`,
      description: `{{ $labels.sloth_service }} {{ $labels.sloth_slo }}${groupTemplate(plan)}: {{ $value | humanizePercentage }} of events are bad; ${tier === 'page' ? 'at this rate the error budget is gone within days' : `at this rate the ${plan.period} error budget runs out before the period ends`}.`,
      runbook: slo.alerting?.runbook ?? defaultRunbook(plan),
      tests: tests[tier],
      at: slo.at,
    });
  }
  const noData = slo.alerting?.noData;
  if (noData !== false) {
    const wait = noData?.for ?? '15m';
    const totalQuery: Expr = 'events' in sli ? rawQuery(sli.events.total('5m')).ast : sli.total;
    let absent: Expr = { type: 'call', func: 'absent', args: [totalQuery] };
    for (const [label, value] of Object.entries(sloLabels(plan))) {
      absent = {
        type: 'call',
        func: 'label_replace',
        args: [
          absent,
          { type: 'string', value: label },
          { type: 'string', value },
          { type: 'string', value: '' },
          { type: 'string', value: '' },
        ],
      };
    }
    out.push({
      kind: 'alert',
      name: `${plan.alertStem}NoData`,
      runbookPage: 'slos',
      expr: q(absent),
      for: wait,
      forSeconds: slo.forSeconds.noData,
      keepFiringForSeconds: 0,
      severity: 'warning',
      labels: { sloth_severity: 'ticket' },
      summary: `The ${slo.name} SLO has no data.`,
      description: `{{ $labels.sloth_service }} {{ $labels.sloth_slo }}: no ${'events' in sli ? 'SLI' : sli.total.name} series for ${wait}, so the SLO cannot be evaluated.`,
      runbook: {
        impact: 'The SLO and its burn-rate alerts are blind: an outage would not page.',
        diagnosis: [
          'Check that the service is running and its metrics reach Prometheus (target up, collector pipeline).',
        ],
        mitigation: ['Restore the metrics pipeline; the burn-rate alerts recover by themselves.'],
      },
      tests: tests.noData,
      at: slo.at,
    });
  }
  return out;
}

function defaultRunbook(plan: SloPlan): ValidAlertRule['runbook'] {
  const objectives = plan.variants
    .map(
      ({ variant }) =>
        `${toText(variant.objective)}${variant.matcher === undefined ? '' : ` for ${variant.matcher.label} ${variant.matcher.op === '=~' ? 'in' : 'not in'} ${variant.matcher.values.join(', ')}`}`,
    )
    .join('; ');
  return {
    impact: `Users are served worse than the objective (${objectives}) over ${plan.period}; the error budget shrinks.`,
    diagnosis: [
      'Open the SLO dashboard: which burn-rate window fired, since when.',
      'Break the SLI down by its labels to find the failing endpoint, model or dependency.',
    ],
    mitigation: [
      'Roll back recent changes to the service.',
      'If the budget is spent, freeze risky changes until it recovers.',
    ],
  };
}
