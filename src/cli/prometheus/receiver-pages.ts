import { expandInhibitions } from '../../derive/alertmanager/expand-inhibitions.ts';
import {
  simulateNotifications,
  type ReceiverPages,
  type RouteTiming,
  type SimulatedAlert,
} from '../../derive/alertmanager/notification-simulation.ts';
import { routesOf } from '../../derive/alertmanager/route-alert.ts';
import type { AlertBacktest } from '../../live/backtest-results.ts';
import type { Alertmanager } from '../../model/alertmanager/alertmanager.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import { parseDuration } from '../../model/duration.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { evaluateTemplate } from '../../template/evaluate.ts';
import { parseTemplate } from '../../template/go-template.ts';

/** Alertmanager's defaults for a root route that sets none. */
const DEFAULTS: RouteTiming = { groupBy: [], groupWait: 30, groupInterval: 300, repeatInterval: 4 * 3600 };

/** Pages per receiver, and what the simulation left out so the reader knows. */
export interface ReceiverPagesReport {
  readonly receivers: readonly ReceiverPages[];
  readonly notes: readonly string[];
}

/**
 * The pages a week each receiver would have had from these backtested alerts, through the
 * project's routing and inhibitions as obsgen generates them (src/derive/alertmanager/
 * notification-simulation.ts). Each alert instance carries the rule's labels (templates rendered
 * with the instance's labels) and its series' labels, as the rule manager sends it.
 */
export function receiverPages(
  config: Alertmanager,
  systems: readonly ValidSystem[],
  results: readonly AlertBacktest[],
  range: { readonly start: number; readonly end: number },
): ReceiverPagesReport {
  const notes: string[] = [];
  const skipped = results.filter((result) => result.notEvaluated !== undefined).length;
  if (skipped > 0)
    notes.push(
      `${skipped} alert${skipped === 1 ? ' was' : 's were'} not backtested and ${skipped === 1 ? 'is' : 'are'} not counted`,
    );
  if (routesOf(config.route).some(({ route }) => route.muteTimeIntervals?.length || route.activeTimeIntervals?.length))
    notes.push('mute and active time intervals are not applied: pages in muted hours are counted');
  const alerts: SimulatedAlert[] = [];
  for (const result of results) {
    const instances = new Map<string, { labels: Record<string, string>; firing: [number, number][] }>();
    for (const episode of result.episodes) {
      const { __name__: _name, ...series } = episode.labels;
      const labels: Record<string, string> = { ...series };
      for (const [label, value] of Object.entries(result.ruleLabels)) labels[label] = renderLabel(value, series);
      labels['alertname'] = result.alert;
      const key = JSON.stringify(Object.entries(labels).sort());
      const instance = instances.get(key) ?? { labels, firing: [] };
      instance.firing.push([episode.firedAt, episode.resolvedAt ?? range.end]);
      instances.set(key, instance);
    }
    alerts.push(...instances.values());
  }
  const inhibitions = expandInhibitions(config.inhibitions, systems);
  return {
    receivers: simulateNotifications(alerts, { route: config.route, inhibitions }, routeTiming, range),
    notes,
  };
}

/** A rule label's value for one instance: its template rendered with the instance's labels ($value unknown here). */
function renderLabel(value: string, labels: Readonly<Record<string, string>>): string {
  try {
    return evaluateTemplate(parseTemplate(value), { labels, value: Number.NaN });
  } catch {
    return value;
  }
}

/** A route's grouping and timers as it inherits them down the path from the root. */
function routeTiming(path: readonly Route[]): RouteTiming {
  let timing = DEFAULTS;
  for (const route of path)
    timing = {
      groupBy: route.groupBy ?? timing.groupBy,
      groupWait: seconds(route.groupWait) ?? timing.groupWait,
      groupInterval: seconds(route.groupInterval) ?? timing.groupInterval,
      repeatInterval: seconds(route.repeatInterval) ?? timing.repeatInterval,
    };
  return timing;
}

/** alertmanager/timing reports a duration that is none; the simulation then keeps the inherited one. */
function seconds(duration: string | undefined): number | undefined {
  return duration === undefined ? undefined : parseDuration(duration);
}
