import type { Metric } from '../model/catalog.ts';
import type { Project, System } from '../model/system.ts';

/** Every catalog metric of the project with its system, in declaration order. */
export function* allMetrics(project: Project): Iterable<{ readonly system: System; readonly metric: Metric }> {
  for (const system of project.systems) for (const metric of system.catalog.metricList) yield { system, metric };
}
