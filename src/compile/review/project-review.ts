import type { AlertLabelSet } from '../../derive/alert-label-set.ts';
import { routingExamples } from '../../derive/alert-label-set.ts';
import type { RouteMatch } from '../../derive/alertmanager/route-alert.ts';
import type { ReviewModel, SystemReview } from './review-model.ts';
import type { systemReview } from './system-review.ts';

/** Where Alertmanager sends an alert with these labels (`alertRouter`); undefined without an Alertmanager. */
export type AlertRouting = ((labels: Readonly<Record<string, string>>) => readonly RouteMatch[]) | undefined;

/**
 * A system's part of the review model with the receivers each alert reaches, as Alertmanager routes
 * its test cases' label sets (its fixed labels when it has none); alerts of one name share theirs.
 */
export function reviewedSystem(
  system: ReturnType<typeof systemReview>,
  alerts: readonly AlertLabelSet[],
  route: AlertRouting,
): SystemReview {
  const receivers = new Map<string, Set<string>>();
  if (route !== undefined)
    for (const alert of alerts) {
      const set = receivers.get(alert.alert) ?? new Set<string>();
      for (const labels of routingExamples(alert)) for (const match of route(labels)) set.add(match.receiver.name);
      receivers.set(alert.alert, set);
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
