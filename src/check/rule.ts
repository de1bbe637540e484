import type { CardinalityEstimate } from './cardinality/estimate.ts';
import type { Finding } from '../finding.ts';
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

/**
 * One check with a stable id, reading one system at a time: the build runs it on each system as
 * the system is compiled (`context.project` then holds that system alone, SLOs expanded), so what
 * it derives can be freed before the next system. Most rules are of this kind.
 */
export interface Rule {
  readonly id: string;
  readonly description: string;
  check(context: CheckContext): readonly RuleFinding[];
}

/** What a project rule sees: every system as defined (SLOs not expanded). */
export interface ProjectCheckContext {
  readonly project: Project;
}

/** A check that compares systems with each other (duplicate names, uids); run once per build. */
export interface ProjectRule {
  readonly id: string;
  readonly description: string;
  readonly scope: 'project';
  check(context: ProjectCheckContext): readonly RuleFinding[];
}

export function isProjectRule(rule: Rule | ProjectRule): rule is ProjectRule {
  return 'scope' in rule && rule.scope === 'project';
}
