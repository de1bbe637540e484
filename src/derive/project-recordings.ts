import type { Project } from '../model/system.ts';
import type { ValidSystem } from '../model/valid-system.ts';
import type { Analysis } from '../promql/analyze.ts';
import { SeriesCatalog, type CollectorLabels, type RecordedSeries } from '../promql/series-catalog.ts';
import { analyzeRule, recordedSeries } from './rule-analysis.ts';
import { rulesWithSlos } from './slo/expand-slos.ts';
import { selectedNames } from '../promql/selected-names.ts';

/** The recordings of every system, and each recording's analysis (each system's in rule order), kept for its build. */
export interface ProjectRecordings {
  readonly recorded: readonly RecordedSeries[];
  /** Per system given (same order): its recordings' analyses, in rule order; undefined for one not compiled. */
  readonly derived: (PreDerived | undefined)[];
}

/**
 * What a system's derive would compute again: its recordings' analyses, kept for its build.
 * (Its SLO expansion is not kept: holding every system's costs more memory than expanding twice.)
 */
export interface PreDerived {
  readonly recordingAnalyses: readonly Analysis[];
}

/** A catalog that grows while the recordings are derived; nothing else ever sees it. */
class GrowingSeriesCatalog extends SeriesCatalog {
  add(rule: RecordedSeries): void {
    this.addRecorded(rule);
  }
}

/**
 * Every system's recorded series (its SLOs' recordings included), derived before any system is
 * analysed, so each system is then analysed against one catalog that no longer changes: results
 * do not depend on the order systems (or rules) are defined in. A recording that reads others is
 * analysed after them. `systems` have their valid rule groups; undefined stands for one that is
 * not compiled (its catalog is invalid), which records nothing.
 */
export function projectRecordings(
  definitions: Project,
  systems: readonly (ValidSystem | undefined)[],
  collectorLabels: CollectorLabels,
): ProjectRecordings {
  const entries = systems.flatMap((defined, position) =>
    defined === undefined
      ? []
      : rulesWithSlos(defined).flatMap((group) =>
          group.rules.flatMap((rule) => (rule.kind === 'record' ? [{ position, system: defined.name, rule }] : [])),
        ),
  );
  const byName = new Map<string, number[]>();
  const byOwnName = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [index]);
    else list.push(index);
  };
  entries.forEach((entry, index) => {
    push(byName, entry.rule.name, index);
    push(byOwnName, `${entry.position}\u0000${entry.rule.name}`, index);
  });
  /** Recordings an entry reads: its own system's of a name first (as resolution does), else any system's. */
  const reads = (index: number): number[] => {
    const entry = entries[index]!;
    return selectedNames(entry.rule.expr.ast).flatMap((name) => {
      const own = byOwnName.get(`${entry.position}\u0000${name}`);
      return (own ?? byName.get(name) ?? []).filter((other) => other !== index);
    });
  };
  const catalog = new GrowingSeriesCatalog(definitions, [], collectorLabels);
  const recorded: (RecordedSeries | undefined)[] = entries.map(() => undefined);
  const analyses: (Analysis | undefined)[] = entries.map(() => undefined);
  const visiting = new Set<number>();
  const derive = (index: number): void => {
    if (recorded[index] !== undefined || visiting.has(index)) return; // a cycle reads what is known so far
    visiting.add(index);
    for (const dependency of reads(index)) derive(dependency);
    const entry = entries[index]!;
    const analysis = analyzeRule(entry.rule, entry.system, catalog);
    const series = recordedSeries(entry.system, entry.rule, analysis);
    analyses[index] = analysis;
    recorded[index] = series;
    catalog.add(series);
    visiting.delete(index);
  };
  entries.forEach((_, index) => derive(index));
  const bySystem: Analysis[][] = systems.map(() => []);
  entries.forEach((entry, index) => bySystem[entry.position]!.push(analyses[index]!));
  return {
    recorded: recorded.map((series) => series!),
    derived: bySystem.map((recordingAnalyses, position) =>
      systems[position] === undefined ? undefined : { recordingAnalyses },
    ),
  };
}
