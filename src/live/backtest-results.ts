import type { AlertEpisode, BacktestSummary } from './alert-episodes.ts';

export interface AlertBacktest {
  readonly system: string;
  readonly alert: string;
  readonly severity: string;
  /** The labels the rule adds to each instance (severity, system, its own), as written: templates unrendered. */
  readonly ruleLabels: Readonly<Record<string, string>>;
  /** Recordings the server does not hold, computed from raw series for this backtest. */
  readonly computed: readonly string[];
  /** Why the alert was not evaluated; the summary is then empty. */
  readonly notEvaluated?: string;
  readonly summary: BacktestSummary;
  readonly episodes: readonly AlertEpisode[];
  /** What the condition compares with its threshold over the range, when it is `<value> <op> <number>` (a diff draws it). */
  readonly value?: ConditionValue;
}

/** The value side of an alert's comparison over the range: a few series at a coarse step, and the threshold. */
export interface ConditionValue {
  readonly op: string;
  readonly threshold: number;
  readonly step: number;
  /** The series with the highest peaks (at most five), and how many there were in all. */
  readonly series: readonly {
    readonly labels: Readonly<Record<string, string>>;
    readonly points: readonly (readonly [number, number])[];
  }[];
  readonly total: number;
}

export interface SloBacktest {
  readonly system: string;
  readonly slo: string;
  readonly tier: string | undefined;
  readonly objective: number;
  /** Bad events over all events in the range; null without events. */
  readonly errorRatio: number | null;
  /** The error ratio over the budget (1 is spending it exactly as fast as the objective allows). */
  readonly burnRate: number | null;
  /** The share of the period's error budget the range spent at that rate (range / period × burn rate). */
  readonly periodBudgetSpent: number | null;
}

/** One alert of a change, backtested as the base defines it and as the change does. */
export interface AlertEvidence {
  /** `system/alert`. */
  readonly key: string;
  /** Undefined when the base has no such alert (added). */
  readonly before: AlertBacktest | undefined;
  /** Undefined when the change removes it. */
  readonly after: AlertBacktest | undefined;
  /** Why an unchanged alert is here: it reads a recording the change alters. */
  readonly reads: readonly string[];
}

/** What a diff read from a live Prometheus: the range and each changed alert's before and after. */
export interface DiffBacktest {
  readonly source: string;
  /** Read from synthetic history (`obsgen diff --synthetic`): every line says so. */
  readonly synthetic: boolean;
  /** Unix seconds the range ends at (the time of the run). */
  readonly end: number;
  readonly rangeSeconds: number;
  readonly alerts: readonly AlertEvidence[];
  /** Pages a week each receiver gets from these alerts (only these), through each side's routing. */
  readonly receivers: readonly ReceiverEvidence[];
  /** Each changed SLO's objectives over the range, as the base and as the change define it. */
  readonly slos: readonly SloEvidence[];
}

/** A changed SLO over the range, before and after (empty when a side has no such SLO). */
export interface SloEvidence {
  /** `system/slo`. */
  readonly key: string;
  readonly before: readonly SloBacktest[];
  readonly after: readonly SloBacktest[];
}

/** A receiver's pages a week from the changed alerts, before and after (undefined: no routing on that side). */
export interface ReceiverEvidence {
  readonly receiver: string;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

/** Base and head results paired by `system/alert`, in the order of `keys`. */
export function pairBacktests(
  keys: readonly string[],
  base: readonly AlertBacktest[],
  head: readonly AlertBacktest[],
  reads: ReadonlyMap<string, readonly string[]>,
): AlertEvidence[] {
  const byKey = (results: readonly AlertBacktest[]) =>
    new Map(results.map((result) => [`${result.system}/${result.alert}`, result]));
  const before = byKey(base);
  const after = byKey(head);
  return keys
    .filter((key) => before.has(key) || after.has(key))
    .map((key) => ({ key, before: before.get(key), after: after.get(key), reads: reads.get(key) ?? [] }));
}
