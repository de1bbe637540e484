import type { RuleId } from '../rule-id.ts';
import type { SystemArtifacts } from '../compile/system-artifacts.ts';
import type { AlertLabelSet } from '../derive/alert-label-set.ts';
import type { AlertmanagerFacts } from '../derive/alertmanager/alertmanager-facts.ts';
import type { SystemFacts } from '../derive/system-facts.ts';
import type { Finding } from '../finding.ts';
import type { Project } from '../model/system.ts';

/**
 * What every rule sees: the facts derived from its system (`project` holds that system alone,
 * SLOs expanded) and the artifacts compiled from it. Rules read these; none compiles anything.
 */
export interface CheckContext extends SystemFacts {
  readonly artifacts: readonly SystemArtifacts[];
  /**
   * A value several rules read, computed from this context once (the dashboards' lint, the
   * collector's validation); it lives and dies with the context.
   */
  once<T>(derive: (context: CheckContext) => T): T;
}

/** A finding plus the subjects whose `allow` lists may silence it (nearest first). */
export interface RuleFinding extends Finding {
  readonly allowedBy: readonly string[];
}

/**
 * One check with a stable id, reading one system at a time: the build runs it on each system as
 * the system is compiled, so what it derives can be freed before the next system. Most rules are
 * of this kind.
 */
export interface CheckRule {
  readonly id: RuleId;
  readonly description: string;
  check(context: CheckContext): readonly RuleFinding[];
}

/** What a project rule sees: every system as defined (SLOs not expanded), and every alert's labels. */
export interface ProjectCheckContext {
  readonly project: Project;
  /** Each alert rule (SLO alerts included) with the labels Alertmanager will see, in definition order. */
  readonly alerts: readonly AlertLabelSet[];
  /** The project's Alertmanager with every alert routed; undefined when it declares none. */
  readonly alertmanager: AlertmanagerFacts | undefined;
}

/** A check that compares systems with each other (duplicate names, uids); run once per build. */
export interface ProjectRule {
  readonly id: RuleId;
  readonly description: string;
  readonly scope: 'project';
  check(context: ProjectCheckContext): readonly RuleFinding[];
}

export function isProjectRule(rule: CheckRule | ProjectRule): rule is ProjectRule {
  return 'scope' in rule && rule.scope === 'project';
}
