import type { AlertRule, RecordingRule, RuleGroup } from './rule.ts';
import type { Slo } from './slo.ts';
import type { Project, System } from './system.ts';

/*
 * What the validation stage admits: the definitions with the values later stages compute with
 * parsed once (durations as seconds). Derive, compile and check read these numbers and never
 * parse the text again; the text stays for what is written out as the user wrote it.
 */

/** An alert whose `for` and `keep_firing_for` are durations Prometheus loads: in seconds, 0 when not set. */
export interface ValidAlertRule extends AlertRule {
  readonly forSeconds: number;
  readonly keepFiringForSeconds: number;
}

export type ValidRule = ValidAlertRule | RecordingRule;

/** A rule group with its evaluation interval in seconds (Prometheus' global default, 1m, when none is set). */
export interface ValidRuleGroup extends RuleGroup {
  readonly intervalSeconds: number;
  readonly rules: readonly ValidRule[];
}

/** An SLO's durations in seconds: the compliance period (default 30d) and each alert's `for`. */
export interface ValidSlo extends Slo {
  readonly periodSeconds: number;
  readonly forSeconds: { readonly page: number; readonly ticket: number; readonly noData: number };
}

export interface ValidSystem extends System {
  readonly ruleGroups: readonly ValidRuleGroup[];
  readonly slos: readonly ValidSlo[];
}

export interface ValidProject extends Project {
  readonly systems: readonly ValidSystem[];
}

/** The evaluation interval of a group that sets none: Prometheus' global.evaluation_interval default. */
export const DEFAULT_EVALUATION_SECONDS = 60;
