import type { AlertRouting } from '../../derive/alertmanager/alertmanager-facts.ts';
import { mayCarry } from '../../derive/alert-label-set.ts';
import { matcherList, matcherText, matchesAll } from '../../derive/alertmanager/route-matchers.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import { closest } from '../../text/closest.ts';
import { subjectOf } from '../../subject.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';
import { positionedRoutes } from './route-positions.ts';

const labelsText = (labels: Readonly<Record<string, string>>): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;

/** Routings whose labels satisfy every matcher from the root down to `route` (siblings before it aside). */
function reaching(routings: readonly AlertRouting[], path: readonly Route[]): AlertRouting[] {
  const matchers = path.slice(1).map((route) => matcherList(route.matchers));
  return routings.filter((routing) => matchers.every((list) => matchesAll(list, routing.labels)));
}

export const unroutedRule: ProjectRule = {
  id: 'alertmanager/unrouted',
  description:
    'An alert no route matches: it reaches only the root (catch-all) receiver, so nobody it is meant for hears of it.',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const root = alertmanager.config.route;
    return alertmanager.routings.flatMap((routing): RuleFinding[] => {
      if (routing.matches.some((match) => match.route !== root)) return [];
      const { alert } = routing;
      return [
        {
          ...alertmanagerFinding(
            this.id,
            'error',
            alert.subject,
            alert.at,
            `${alert.alert} ${labelsText(routing.labels)} reaches only the root receiver ${root.receiver.name}: no route matches it.`,
            `Route it: add a route for system="${alert.system}" (by severity), or widen an existing route's matchers.`,
          ),
          allowedBy: [alert.subject, subjectOf.catalog(alert.system)],
        },
      ];
    });
  },
};

export const unmatchableRouteRule: ProjectRule = {
  id: 'alertmanager/unmatchable-route',
  description:
    'A route that can never match: a matcher on a label no alert carries, or a value (such as a severity) no alert has; its receiver never hears anything.',
  scope: 'project',
  check({ alertmanager, alerts }) {
    if (alertmanager === undefined) return [];
    const carried = new Set(
      alerts.flatMap((alert) => [
        ...Object.keys(alert.fixed),
        ...(alert.names ?? []),
        ...alert.examples.flatMap((e) => Object.keys(e)),
      ]),
    );
    return positionedRoutes(alertmanager.config.route).flatMap(({ route, position, ancestors }): RuleFinding[] => {
      if (position.length === 0 || reaching(alertmanager.routings, [...ancestors, route]).length > 0) return [];
      const above = reaching(alertmanager.routings, ancestors);
      const failing = matcherList(route.matchers).find(
        (matcher) => !above.some((routing) => matchesAll([matcher], routing.labels)),
      );
      const subject = subjectOf.route(position);
      if (failing !== undefined && !carried.has(failing.label)) {
        const near = closest(failing.label, carried);
        return [
          alertmanagerFinding(
            this.id,
            'error',
            subject,
            route.at,
            `The route matches ${matcherText(failing)}, but no alert carries the label ${failing.label}.`,
            near === undefined
              ? 'Match a label the alerts carry (alertname, system, severity, or one of their rule or expression labels).'
              : `Did you mean ${near}?`,
          ),
        ];
      }
      const values = [...new Set(above.map((routing) => routing.labels[failing?.label ?? ''] ?? ''))]
        .filter((v) => v !== '')
        .sort();
      const why =
        failing === undefined
          ? 'no alert matches all of its matchers together'
          : `no alert reaching it has ${matcherText(failing)}${values.length > 0 ? ` (they have ${failing.label} ${values.slice(0, 6).join(', ')})` : ''}`;
      return [
        alertmanagerFinding(
          this.id,
          'error',
          subject,
          route.at,
          `The route can never match: ${why}.`,
          'Fix the matcher, or remove the route.',
        ),
      ];
    });
  },
};

export const shadowedRouteRule: ProjectRule = {
  id: 'alertmanager/shadowed-route',
  description:
    'A route whose alerts are all taken by earlier sibling routes without continue: it matches them, but never receives one.',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    return positionedRoutes(alertmanager.config.route).flatMap(({ route, position, ancestors }): RuleFinding[] => {
      if (position.length === 0) return [];
      const candidates = reaching(alertmanager.routings, [...ancestors, route]);
      if (candidates.length === 0) return []; // unmatchable-route reports it
      if (candidates.some((routing) => routing.matches.some((match) => match.path.includes(route)))) return [];
      const parent = ancestors.at(-1)!;
      const index = position.at(-1)!;
      const takers = (parent.routes ?? [])
        .slice(0, index)
        .filter(
          (sibling) =>
            sibling.continue !== true &&
            candidates.some((routing) => routing.matches.some((m) => m.path.includes(sibling))),
        );
      const names = takers.map((sibling) =>
        subjectOf.route([...position.slice(0, -1), (parent.routes ?? []).indexOf(sibling)]),
      );
      return [
        alertmanagerFinding(
          this.id,
          'error',
          subjectOf.route(position),
          route.at,
          `The route matches ${candidates.length} alert${candidates.length === 1 ? '' : 's'} (${[...new Set(candidates.map((r) => r.alert.alert))].slice(0, 4).join(', ')}), but ${names.join(', ') || 'an earlier route'} takes ${candidates.length === 1 ? 'it' : 'them'} first.`,
          'Move it before the broader route, or give the earlier route continue: true.',
        ),
      ];
    });
  },
};

export const groupByRule: ProjectRule = {
  id: 'alertmanager/group-by',
  description:
    "group_by names a label none of the route's alerts carry: every alert falls into one group under the empty value.",
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    return positionedRoutes(alertmanager.config.route).flatMap(({ route, position }): RuleFinding[] => {
      if (route.groupBy === undefined || route.groupBy === '...') return [];
      const through = alertmanager.routings.filter((routing) =>
        routing.matches.some((match) => match.path.includes(route)),
      );
      if (through.length === 0) return [];
      return route.groupBy
        .filter((label) => !through.some((routing) => mayCarry(routing.alert, routing.labels, label)))
        .map((label) =>
          alertmanagerFinding(
            this.id,
            'error',
            subjectOf.route(position),
            route.at,
            `group_by ${label}: none of the ${through.length} alerts routed here carries it.`,
            'Group by labels the alerts carry (alertname, system, and the labels that tell instances apart).',
          ),
        );
    });
  },
};
