import type { Alertmanager } from '../../model/alertmanager/alertmanager.ts';
import type { Inhibition } from '../../model/alertmanager/inhibition.ts';
import type { NotificationTemplate, NotificationText } from '../../model/alertmanager/notification-template.ts';
import type { Integration, Receiver } from '../../model/alertmanager/receiver.ts';
import type { TimeInterval } from '../../model/alertmanager/time-interval.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { routingExamples, type AlertLabelSet } from '../alert-label-set.ts';
import { expandInhibitions } from './expand-inhibitions.ts';
import { routesOf, type AlertRouter, type RouteMatch } from './route-alert.ts';

/** One instance of an alert (a test case's, or its fixed labels) and where the routing tree sends it. */
export interface AlertRouting {
  readonly alert: AlertLabelSet;
  readonly labels: Readonly<Record<string, string>>;
  readonly matches: readonly RouteMatch[];
}

/** The project's Alertmanager with everything it refers to collected, and every alert routed. */
export interface AlertmanagerFacts {
  readonly config: Alertmanager;
  /** Declared and referenced receivers, the root's first, each once. */
  readonly receivers: readonly Receiver[];
  readonly timeIntervals: readonly TimeInterval[];
  /** Declared templates and those receivers refer to, each once. */
  readonly templates: readonly NotificationTemplate[];
  readonly inhibitions: readonly Inhibition[];
  readonly routings: readonly AlertRouting[];
}

/** Where the routing tree sends each instance of the alerts (`routingExamples`). */
export function routeAlerts(route: AlertRouter, alerts: readonly AlertLabelSet[]): AlertRouting[] {
  return alerts.flatMap((alert) => routingExamples(alert).map((labels) => ({ alert, labels, matches: route(labels) })));
}

/** The Alertmanager's facts, from every system's alerts as `routeAlerts` routed them through `config.route`. */
export function deriveAlertmanager(
  config: Alertmanager,
  systems: readonly ValidSystem[],
  routings: readonly AlertRouting[],
): AlertmanagerFacts {
  const routes = routesOf(config.route).map(({ route }) => route);
  const receivers = unique([
    config.route.receiver,
    ...routes.flatMap((route) => (route.receiver === undefined ? [] : [route.receiver])),
    ...config.receivers,
  ]);
  const timeIntervals = unique([
    ...routes.flatMap((route) => [...(route.activeTimeIntervals ?? []), ...(route.muteTimeIntervals ?? [])]),
    ...config.timeIntervals,
  ]);
  const templates = unique([
    ...config.templates,
    ...receivers.flatMap((receiver) => receiver.integrations.flatMap(templatesOf)),
  ]);
  return {
    config,
    receivers,
    timeIntervals,
    templates,
    inhibitions: expandInhibitions(config.inhibitions, systems),
    routings,
  };
}

/** The notification texts of an integration, with the field each fills. */
export function notificationTexts(integration: Integration): readonly (readonly [string, NotificationText])[] {
  const fields: [string, NotificationText | undefined][] =
    integration.kind === 'pagerduty'
      ? [['description', integration.description]]
      : integration.kind === 'slack'
        ? [
            ['title', integration.title],
            ['text', integration.text],
          ]
        : integration.kind === 'email'
          ? [
              ['subject', integration.subject],
              ['text', integration.text],
            ]
          : integration.kind === 'opsgenie'
            ? [
                ['message', integration.message],
                ['description', integration.description],
              ]
            : [];
  return fields.filter((entry): entry is [string, NotificationText] => entry[1] !== undefined);
}

function templatesOf(integration: Integration): NotificationTemplate[] {
  return notificationTexts(integration).flatMap(([, text]) => (typeof text === 'string' ? [] : [text.template]));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
