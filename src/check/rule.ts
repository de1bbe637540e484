import type { CardinalityEstimate } from './cardinality/estimate.ts';
import type { Finding } from './finding.ts';
import type { Project } from '../model/system.ts';

/** What every rule sees: the project and what was derived from it before checking. */
export interface CheckContext {
  readonly project: Project;
  readonly cardinality: CardinalityEstimate;
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
