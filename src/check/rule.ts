import type { CardinalityEstimate } from './cardinality/estimate.ts';
import type { Finding } from './finding.ts';
import type { Project } from '../model/system.ts';
import type { RuleAnalysis } from '../compile/prometheus/rule-analysis.ts';

/** What every rule sees: the project and what was derived from it before checking. */
export interface CheckContext {
  readonly project: Project;
  readonly cardinality: CardinalityEstimate;
  readonly rules: RuleAnalysis;
}

/** A finding plus the subjects whose `allow` lists may silence it (nearest first). */
export interface RuleFinding extends Finding {
  readonly allowedBy: readonly string[];
}

/** One check with a stable id: a pure function from the project to findings. */
export interface Rule {
  readonly id: string;
  readonly description: string;
  check(context: CheckContext): readonly RuleFinding[];
}
