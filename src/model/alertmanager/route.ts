import type { Duration } from '../duration.ts';
import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import { inputShape, mapOf, objectOf, optional, param, plain, type FieldsOf } from '../input/shape.ts';
import type { System } from '../system.ts';
import type { AlertMatchers } from './alert-matchers.ts';
import type { Receiver } from './receiver.ts';
import type { TimeInterval } from './time-interval.ts';

export interface RouteSpec {
  /** Default: the parent route's. */
  readonly receiver?: Receiver;
  /** All must match; none matches every alert. */
  readonly matchers?: AlertMatchers;
  /** Labels that split alerts into notification groups; `'...'` groups by all labels. Default: the parent's. */
  readonly groupBy?: readonly string[] | '...';
  /** How long to wait for more alerts of a new group before the first notification. */
  readonly groupWait?: Duration;
  /** How long to wait before notifying about alerts added to a group already notified. */
  readonly groupInterval?: Duration;
  /** How long to wait before repeating a notification that is still firing. */
  readonly repeatInterval?: Duration;
  /** Keep matching later sibling routes after this one matched. */
  readonly continue?: boolean;
  /** Notify only during these intervals (e.g. business hours for e-mail). */
  readonly activeTimeIntervals?: readonly TimeInterval[];
  /** Stay silent during these intervals (maintenance windows). */
  readonly muteTimeIntervals?: readonly TimeInterval[];
  /** Child routes, tried in order; the first that matches takes the alert unless it has `continue`. */
  readonly routes?: readonly Route[];
}

export interface Route extends RouteSpec {
  readonly kind: 'route';
  readonly at: SourceLocation;
}

/** A node of the routing tree. */
export function route(spec: RouteSpec): Route {
  const at = captureLocation();
  return defined({ ...spec, kind: 'route', at }, SHAPES.route, [spec], at);
}

/** A route for one system's alerts (every alert carries `system="<name>"`), with more matchers if given. */
export function systemRoute(system: System, spec: RouteSpec): Route {
  const at = captureLocation();
  return defined(
    { ...spec, matchers: { ...spec.matchers, system: system.name }, kind: 'route', at },
    SHAPES.systemRoute,
    [system, spec],
    at,
  );
}

/** What every route accepts; the root route (`alertmanager({ route })`) has neither matchers nor continue. */
export const ROUTE_FIELDS: FieldsOf<RouteSpec> = {
  receiver: optional(),
  matchers: optional(mapOf()),
  groupBy: optional(),
  groupWait: optional(),
  groupInterval: optional(),
  repeatInterval: optional(),
  continue: optional(),
  activeTimeIntervals: optional(),
  muteTimeIntervals: optional(),
  routes: optional(),
};
const routeSpec = objectOf<RouteSpec>('a route', ROUTE_FIELDS);
const SHAPES = {
  route: inputShape('route', [param('spec', routeSpec)]),
  systemRoute: inputShape('systemRoute', [plain('system'), param('spec', routeSpec)]),
} as const;
