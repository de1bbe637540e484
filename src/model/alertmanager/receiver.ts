import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import {
  inputShape,
  listOf,
  objectOf,
  optional,
  param,
  positional,
  required,
  TEXT,
  type FieldsOf,
} from '../input/shape.ts';

const RECEIVER = positional('receiver', 'name');
import type { NotificationText } from './notification-template.ts';
import type { Secret, SecretFile } from './secret.ts';

interface Common {
  /** Notify when the alerts resolve too (Alertmanager's default differs per integration). */
  readonly sendResolved?: boolean;
}

export interface PagerDutyIntegration extends Common {
  readonly kind: 'pagerduty';
  /** The Events API v2 integration key. */
  readonly routingKey: Secret;
  /** PagerDuty severity: `critical`, `error`, `warning` or `info`; a template by default. */
  readonly severity?: string;
  readonly description?: NotificationText;
}

export interface SlackIntegration extends Common {
  readonly kind: 'slack';
  /**
   * The incoming-webhook URL (it carries the token): a secret file. Alertmanager requires a URL
   * here, so a `${NAME}` placeholder would not load.
   */
  readonly apiUrl: SecretFile | string;
  readonly channel: string;
  readonly title?: NotificationText;
  readonly text?: NotificationText;
}

export interface EmailIntegration extends Common {
  readonly kind: 'email';
  readonly to: string;
  /** Default: the configuration's `smtp`. */
  readonly from?: string;
  readonly smarthost?: string;
  readonly authUsername?: string;
  readonly authPassword?: Secret;
  readonly requireTls?: boolean;
  readonly subject?: NotificationText;
  readonly text?: NotificationText;
}

export interface WebhookIntegration extends Common {
  readonly kind: 'webhook';
  /** The endpoint; a token in it must be a `${NAME}` placeholder (deploy time). */
  readonly url: string;
  /** Sent as `Authorization: Bearer …`. */
  readonly bearerToken?: Secret;
  /** At most this many alerts per notification (0: all). */
  readonly maxAlerts?: number;
}

export interface OpsgenieIntegration extends Common {
  readonly kind: 'opsgenie';
  readonly apiKey: Secret;
  readonly message?: NotificationText;
  readonly description?: NotificationText;
  readonly priority?: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  readonly responders?: readonly {
    readonly type: 'team' | 'user' | 'escalation' | 'schedule';
    readonly name: string;
  }[];
}

export type Integration =
  PagerDutyIntegration | SlackIntegration | EmailIntegration | WebhookIntegration | OpsgenieIntegration;

/** A named set of notification integrations routes send to. */
export interface Receiver {
  readonly kind: 'receiver';
  readonly name: string;
  readonly integrations: readonly Integration[];
  readonly at: SourceLocation;
}

/** A receiver notifying through each of the integrations (none: alerts routed here are dropped). */
export function receiver(name: string, ...integrations: readonly Integration[]): Receiver {
  const at = captureLocation();
  return defined({ kind: 'receiver', name, integrations, at }, RECEIVER, [name, ...integrations], at);
}

export function pagerduty(spec: Omit<PagerDutyIntegration, 'kind'>): PagerDutyIntegration {
  return defined({ kind: 'pagerduty', ...spec }, SHAPES.pagerduty, [spec], captureLocation());
}

export function slack(spec: Omit<SlackIntegration, 'kind'>): SlackIntegration {
  return defined({ kind: 'slack', ...spec }, SHAPES.slack, [spec], captureLocation());
}

export function email(spec: Omit<EmailIntegration, 'kind'>): EmailIntegration {
  return defined({ kind: 'email', ...spec }, SHAPES.email, [spec], captureLocation());
}

export function webhook(spec: Omit<WebhookIntegration, 'kind'>): WebhookIntegration {
  return defined({ kind: 'webhook', ...spec }, SHAPES.webhook, [spec], captureLocation());
}

export function opsgenie(spec: Omit<OpsgenieIntegration, 'kind'>): OpsgenieIntegration {
  return defined({ kind: 'opsgenie', ...spec }, SHAPES.opsgenie, [spec], captureLocation());
}

/**
 * Grafana OnCall's Alertmanager integration: a webhook to the integration URL, which carries its
 * token (write it as a `${NAME}` placeholder), with resolved notifications so OnCall closes the alert group.
 */
export function grafanaOnCall(spec: GrafanaOnCallSpec): WebhookIntegration {
  return defined(
    {
      kind: 'webhook',
      url: spec.url,
      sendResolved: true,
      ...(spec.maxAlerts === undefined ? {} : { maxAlerts: spec.maxAlerts }),
    },
    SHAPES.grafanaOnCall,
    [spec],
    captureLocation(),
  );
}

interface GrafanaOnCallSpec {
  readonly url: string;
  readonly maxAlerts?: number;
}

const integration = <T>(constructor: string, what: string, fields: FieldsOf<Omit<T, 'kind'>>) =>
  inputShape(constructor, [param('spec', objectOf<Omit<T, 'kind'>>(what, fields))]);
const SHAPES = {
  pagerduty: integration<PagerDutyIntegration>('pagerduty', 'a PagerDuty integration', {
    sendResolved: optional(),
    routingKey: required(),
    severity: optional(TEXT),
    description: optional(),
  }),
  slack: integration<SlackIntegration>('slack', 'a Slack integration', {
    sendResolved: optional(),
    apiUrl: required(),
    channel: required(TEXT),
    title: optional(),
    text: optional(),
  }),
  email: integration<EmailIntegration>('email', 'an e-mail integration', {
    sendResolved: optional(),
    to: required(TEXT),
    from: optional(TEXT),
    smarthost: optional(TEXT),
    authUsername: optional(TEXT),
    authPassword: optional(),
    requireTls: optional(),
    subject: optional(),
    text: optional(),
  }),
  webhook: integration<WebhookIntegration>('webhook', 'a webhook integration', {
    sendResolved: optional(),
    url: required(TEXT),
    bearerToken: optional(),
    maxAlerts: optional(),
  }),
  opsgenie: integration<OpsgenieIntegration>('opsgenie', 'an Opsgenie integration', {
    sendResolved: optional(),
    apiKey: required(),
    message: optional(),
    description: optional(),
    priority: optional(TEXT),
    responders: optional(
      listOf(objectOf<{ type: string; name: string }>('a responder', { type: required(TEXT), name: required(TEXT) })),
    ),
  }),
  grafanaOnCall: inputShape('grafanaOnCall', [
    param(
      'spec',
      objectOf<GrafanaOnCallSpec>('a Grafana OnCall integration', { url: required(TEXT), maxAlerts: optional() }),
    ),
  ]),
} as const;
