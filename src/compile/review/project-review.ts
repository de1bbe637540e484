import type { AlertmanagerFacts } from '../../derive/alertmanager/alertmanager-facts.ts';
import type { ReviewModel, SystemReview } from './review-model.ts';
import type { systemReview } from './system-review.ts';

/** The project's review model: each system's part, with the receivers each alert reaches. */
export function projectReview(
  systems: readonly ReturnType<typeof systemReview>[],
  alertmanager: AlertmanagerFacts | undefined,
): ReviewModel {
  const receivers = new Map<string, Set<string>>();
  for (const routing of alertmanager?.routings ?? []) {
    const key = `${routing.alert.system}/${routing.alert.alert}`;
    const set = receivers.get(key) ?? new Set<string>();
    for (const match of routing.matches) set.add(match.receiver.name);
    receivers.set(key, set);
  }
  const reviewed: SystemReview[] = systems.map((system) => ({
    ...system,
    alerts: system.alerts.map((alert) => ({
      ...alert,
      receivers: [...(receivers.get(`${system.name}/${alert.name}`) ?? [])].sort(),
    })),
  }));
  return { systems: reviewed, series: reviewed.reduce((sum, s) => sum + s.series, 0) };
}
