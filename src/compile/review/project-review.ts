import type { AlertRouting } from '../../derive/alertmanager/alertmanager-facts.ts';
import type { ReviewModel, SystemReview } from './review-model.ts';
import type { systemReview } from './system-review.ts';

/**
 * A system's part of the review model with the receivers each alert reaches, from where the
 * project's Alertmanager routes the system's alerts (none without one); alerts of one name share theirs.
 */
export function reviewedSystem(
  system: ReturnType<typeof systemReview>,
  routings: readonly AlertRouting[],
): SystemReview {
  const receivers = new Map<string, Set<string>>();
  for (const routing of routings) {
    const set = receivers.get(routing.alert.alert) ?? new Set<string>();
    for (const match of routing.matches) set.add(match.receiver.name);
    receivers.set(routing.alert.alert, set);
  }
  return {
    ...system,
    alerts: system.alerts.map((alert) => ({ ...alert, receivers: [...(receivers.get(alert.name) ?? [])].sort() })),
  };
}

/** The project's review model: each system's part, in definition order. */
export function projectReview(systems: readonly SystemReview[]): ReviewModel {
  return { systems, series: systems.reduce((sum, s) => sum + s.series, 0) };
}
