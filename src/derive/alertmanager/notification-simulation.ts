import type { Inhibition } from '../../model/alertmanager/inhibition.ts';
import type { Receiver } from '../../model/alertmanager/receiver.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import type { LabelMatcher } from '../../model/selector.ts';
import { alertRouter, routesOf } from './route-alert.ts';
import { matcherList, matchesAll } from './route-matchers.ts';

/** One alert instance as Alertmanager receives it: its labels and when it fired. */
export interface SimulatedAlert {
  readonly labels: Readonly<Record<string, string>>;
  /** Firing spans in Unix seconds, [from, to), in order. */
  readonly firing: readonly (readonly [number, number])[];
}

/** A route's grouping and timers, in seconds, as it inherits them (Alertmanager's defaults at the root). */
export interface RouteTiming {
  readonly groupBy: readonly string[] | '...';
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
}

/** What a receiver would have been sent over the range. */
export interface ReceiverPages {
  readonly receiver: string;
  /** Notifications announcing at least one alert not announced before: what pages a person. */
  readonly pages: number;
  /** Notifications repeating an unchanged group after `repeat_interval`. */
  readonly repeats: number;
  /** Pages a week at the range's rate. */
  readonly perWeek: number;
  /** Seconds of alerts' firing the inhibitions muted (summed over alerts). */
  readonly inhibitedSeconds: number;
}

/**
 * The notifications the Alertmanager obsgen generates would have sent for these alerts: each
 * alert muted while an inhibiting alert fires (the same labels in `equal`; an alert matching both
 * sides is not muted by one that does too), routed (continue, inherited receivers), grouped by
 * `group_by` on its route, and each group flushed as Alertmanager's dispatcher does — `group_wait`
 * after its first alert, then every `group_interval`, sending when an alert is new, or repeating
 * after `repeat_interval`; a group whose alerts all resolved is deleted, so the next alert waits
 * `group_wait` again. Time intervals (mute/active) are not applied: the caller says so.
 */
export function simulateNotifications(
  alerts: readonly SimulatedAlert[],
  config: { readonly route: Route & { readonly receiver: Receiver }; readonly inhibitions: readonly Inhibition[] },
  timing: (path: readonly Route[]) => RouteTiming,
  range: { readonly start: number; readonly end: number },
): ReceiverPages[] {
  const inhibitions = config.inhibitions.map((rule) => ({
    equal: rule.equal,
    source: matcherList(rule.source),
    target: matcherList(rule.target),
  }));
  const effective = alerts.map((alert) => uninhibited(alert, alerts, inhibitions));
  const routeIndex = new Map(routesOf(config.route).map(({ route }, index) => [route, index]));
  const routeAlert = alertRouter(config.route);
  const groups = new Map<string, { receiver: string; timing: RouteTiming; members: (readonly [number, number])[][] }>();
  const receivers = new Set<string>();
  effective.forEach(({ alert, firing }) => {
    for (const match of routeAlert(alert.labels)) {
      const routeTiming = timing(match.path);
      const grouping =
        routeTiming.groupBy === '...'
          ? Object.entries(alert.labels).sort()
          : routeTiming.groupBy.map((label) => [label, alert.labels[label] ?? '']);
      const key = `${routeIndex.get(match.route)} ${JSON.stringify(grouping)}`;
      const group = groups.get(key) ?? { receiver: match.receiver.name, timing: routeTiming, members: [] };
      group.members.push([...firing]);
      groups.set(key, group);
      receivers.add(match.receiver.name);
    }
  });
  const totals = new Map<string, { pages: number; repeats: number }>();
  for (const group of groups.values()) {
    const sent = flushes(group.members, group.timing, range.end);
    const total = totals.get(group.receiver) ?? { pages: 0, repeats: 0 };
    totals.set(group.receiver, { pages: total.pages + sent.pages, repeats: total.repeats + sent.repeats });
  }
  const inhibitedByReceiver = new Map<string, number>();
  effective.forEach(({ alert, inhibitedSeconds }) => {
    for (const match of routeAlert(alert.labels))
      inhibitedByReceiver.set(
        match.receiver.name,
        (inhibitedByReceiver.get(match.receiver.name) ?? 0) + inhibitedSeconds,
      );
  });
  const weeks = Math.max(1, range.end - range.start) / (7 * 86_400);
  return [...receivers].sort().map((receiver) => {
    const { pages, repeats } = totals.get(receiver) ?? { pages: 0, repeats: 0 };
    return {
      receiver,
      pages,
      repeats,
      perWeek: pages / weeks,
      inhibitedSeconds: inhibitedByReceiver.get(receiver) ?? 0,
    };
  });
}

/** An inhibition rule with its matchers read once. */
interface InhibitionMatchers {
  readonly equal: readonly string[];
  readonly source: readonly LabelMatcher[];
  readonly target: readonly LabelMatcher[];
}

/** An alert's firing spans less those during which an inhibition rule muted it. */
function uninhibited(
  alert: SimulatedAlert,
  all: readonly SimulatedAlert[],
  inhibitions: readonly InhibitionMatchers[],
): { alert: SimulatedAlert; firing: (readonly [number, number])[]; inhibitedSeconds: number } {
  let firing: (readonly [number, number])[] = [...alert.firing];
  for (const rule of inhibitions) {
    const { source, target } = rule;
    if (!matchesAll(target, alert.labels)) continue;
    const bothSides = matchesAll(source, alert.labels);
    for (const other of all) {
      if (other === alert || !matchesAll(source, other.labels)) continue;
      if (bothSides && matchesAll(target, other.labels)) continue;
      if (!rule.equal.every((label) => (other.labels[label] ?? '') === (alert.labels[label] ?? ''))) continue;
      firing = subtract(firing, other.firing);
    }
  }
  const length = (spans: readonly (readonly [number, number])[]) => spans.reduce((sum, [a, b]) => sum + (b - a), 0);
  return { alert, firing, inhibitedSeconds: length(alert.firing) - length(firing) };
}

function subtract(
  spans: readonly (readonly [number, number])[],
  minus: readonly (readonly [number, number])[],
): (readonly [number, number])[] {
  let out = [...spans];
  for (const [from, to] of minus)
    out = out.flatMap(([a, b]): (readonly [number, number])[] => {
      if (to <= a || from >= b) return [[a, b]];
      return [...(from > a ? [[a, from] as const] : []), ...(to < b ? [[to, b] as const] : [])];
    });
  return out;
}

/** The notifications one aggregation group sends, flushing as Alertmanager's dispatcher does. */
function flushes(
  members: readonly (readonly (readonly [number, number])[])[],
  timing: RouteTiming,
  end: number,
): { pages: number; repeats: number } {
  const firingAt = (t: number) =>
    new Set(members.flatMap((spans, index) => (spans.some(([a, b]) => a <= t && t < b) ? [index] : [])));
  const starts = members.flatMap((spans) => spans.map(([a]) => a)).sort((a, b) => a - b);
  let pages = 0;
  let repeats = 0;
  // Each pass is one life of the group: created by an alert, deleted once all resolved were sent.
  let from = -Infinity;
  for (;;) {
    const created = starts.find((t) => t >= from);
    if (created === undefined || created > end) break;
    let notified = new Set<number>();
    let lastSent = -Infinity;
    let flush = created + timing.groupWait;
    for (; flush <= end; flush += timing.groupInterval) {
      const now = firingAt(flush);
      const isNew = [...now].some((index) => !notified.has(index));
      const changed = isNew || [...notified].some((index) => !now.has(index));
      if (isNew) pages++;
      else if (!changed && now.size > 0 && flush - lastSent >= timing.repeatInterval) repeats++;
      if (changed || (now.size > 0 && flush - lastSent >= timing.repeatInterval)) lastSent = flush;
      notified = now;
      if (now.size === 0) break;
    }
    from = flush + Number.EPSILON;
    if (flush > end) break;
  }
  return { pages, repeats };
}
