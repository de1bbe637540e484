import type { Project, System } from '../model/system.ts';
import type { ValidProject, ValidSystem } from '../model/valid-system.ts';
import type { PreDerived } from './project-recordings.ts';
import type { SeriesCatalog } from '../promql/series-catalog.ts';
import { estimateCardinality, type CardinalityEstimate } from './cardinality-estimate.ts';
import { parseLogsQueries, type LogsQueryParses } from './logs-query-parses.ts';
import { analyzeRules, type RuleAnalysis } from './rule-analysis.ts';
import { expandSlos } from './slo/expand-slos.ts';
import type { SloPlan } from './slo/slo-plan.ts';

/** What is derived from one system before anything is compiled or checked: computed once, read by both. */
export interface SystemFacts {
  /** The definitions with this system alone, as admitted, its SLOs expanded into rule groups and dashboards. */
  readonly project: ValidProject;
  /** The cardinality estimate of the system as defined (recording rules' series included). */
  readonly cardinality: CardinalityEstimate;
  /** Every rule (SLO rules included) analyzed against the project's series catalog. */
  readonly rules: RuleAnalysis;
  readonly sloPlans: readonly SloPlan[];
  readonly logsQueries: LogsQueryParses;
}

/**
 * Derives one system's facts against `catalog`, which holds every system's catalog and
 * recordings: the only thing shared with other systems.
 */
export function deriveSystem(
  definitions: Project,
  defined: ValidSystem,
  catalog: SeriesCatalog,
  known?: PreDerived,
): SystemFacts {
  const { system, plans } = expandSlos(defined);
  const project: ValidProject = { ...definitions, systems: [system] };
  const rules = analyzeRules(project, catalog, known?.recordingAnalyses);
  // The estimate is of the system as defined, so it does not hold on to the expansion.
  const cardinality = estimateCardinality({ ...definitions, systems: [defined] }, rules.contributions);
  return {
    project,
    cardinality,
    rules,
    sloPlans: plans,
    logsQueries: parseLogsQueries(system),
  };
}

/** Facts of a system nothing was derived for (an invalid catalog; a recheck of dashboards alone). */
export function emptyFacts(definitions: Project, system: System, catalog: SeriesCatalog): SystemFacts {
  return {
    // Nothing of it is admitted yet: only what needs no parsed value (its catalog) is there to read.
    project: { ...definitions, systems: [{ ...system, ruleGroups: [], slos: [] }] },
    cardinality: { systems: [], series: 0 },
    rules: { rules: [], catalog, contributions: [] },
    sloPlans: [],
    logsQueries: new Map(),
  };
}
