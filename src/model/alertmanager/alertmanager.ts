import type { Duration } from '../duration.ts';
import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import { inputShape, objectOf, optional, param, required } from '../input/shape.ts';
import type { Inhibition, SloBurnInhibitions } from './inhibition.ts';
import type { NotificationTemplate } from './notification-template.ts';
import type { Receiver } from './receiver.ts';
import { ROUTE_FIELDS, type Route, type RouteSpec } from './route.ts';
import type { Secret } from './secret.ts';
import type { TimeInterval } from './time-interval.ts';

/** SMTP defaults for e-mail receivers (Alertmanager's `global.smtp_*`). */
export interface SmtpSettings {
  readonly from: string;
  /** `host:port`. */
  readonly smarthost: string;
  readonly authUsername?: string;
  readonly authPassword?: Secret;
  readonly requireTls?: boolean;
}

export interface AlertmanagerSpec {
  /** The root route: its receiver takes what no child route matches (keep it a catch-all). */
  readonly route: Omit<RouteSpec, 'matchers' | 'continue'> & { readonly receiver: Receiver };
  /** Receivers beyond those the routes name (an unused one is reported). */
  readonly receivers?: readonly Receiver[];
  readonly inhibitions?: readonly (Inhibition | SloBurnInhibitions)[];
  /** Intervals beyond those the routes name. */
  readonly timeIntervals?: readonly TimeInterval[];
  /** Notification templates; obsgen's own (`obsgen.title`, `obsgen.text`) are always there. */
  readonly templates?: readonly NotificationTemplate[];
  readonly resolveTimeout?: Duration;
  readonly smtp?: SmtpSettings;
}

/** The project's Alertmanager: compiled to generated/alertmanager/alertmanager.yml. */
export interface Alertmanager {
  readonly kind: 'alertmanager';
  readonly route: Route & { readonly receiver: Receiver };
  readonly receivers: readonly Receiver[];
  readonly inhibitions: readonly (Inhibition | SloBurnInhibitions)[];
  readonly timeIntervals: readonly TimeInterval[];
  readonly templates: readonly NotificationTemplate[];
  readonly resolveTimeout: Duration | undefined;
  readonly smtp: SmtpSettings | undefined;
  readonly at: SourceLocation;
}

export function alertmanager(spec: AlertmanagerSpec): Alertmanager {
  const at = captureLocation();
  const made: Alertmanager = {
    kind: 'alertmanager',
    // The root route's keys are checked with the rest of the spec (SHAPE), not again as a route().
    route: { ...spec.route, kind: 'route', receiver: spec.route?.receiver, at },
    receivers: spec.receivers ?? [],
    inhibitions: spec.inhibitions ?? [],
    timeIntervals: spec.timeIntervals ?? [],
    templates: spec.templates ?? [],
    resolveTimeout: spec.resolveTimeout,
    smtp: spec.smtp,
    at,
  };
  return defined(made, SHAPE, [spec], at);
}

const { matchers: _matchers, continue: _continue, ...rootRouteFields } = ROUTE_FIELDS;
const SHAPE = inputShape('alertmanager', [
  param(
    'spec',
    objectOf<AlertmanagerSpec>('an Alertmanager', {
      route: required(
        objectOf<AlertmanagerSpec['route']>('the root route', { ...rootRouteFields, receiver: required() }),
      ),
      receivers: optional(),
      inhibitions: optional(),
      timeIntervals: optional(),
      templates: optional(),
      resolveTimeout: optional(),
      smtp: optional(
        objectOf<SmtpSettings>('SMTP settings', {
          from: required(),
          smarthost: required(),
          authUsername: optional(),
          authPassword: optional(),
          requireTls: optional(),
        }),
      ),
    }),
  ),
]);
