import { notificationTexts } from '../../derive/alertmanager/alertmanager-facts.ts';
import type { NotificationTemplate, NotificationText } from '../../model/alertmanager/notification-template.ts';
import type { Integration, Receiver } from '../../model/alertmanager/receiver.ts';
import { ALERTMANAGER_TEMPLATES, parseTemplate, templateCalls } from '../../template/go-template.ts';
import type { Secret } from '../../model/alertmanager/secret.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import { subjectOf } from '../../subject.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';

/** The secret fields of an integration, named as in alertmanager.yml. */
function secrets(integration: Integration): [string, Secret | undefined][] {
  switch (integration.kind) {
    case 'pagerduty':
      return [['routing_key', integration.routingKey]];
    case 'slack':
      return [['api_url', integration.apiUrl]];
    case 'email':
      return [['auth_password', integration.authPassword]];
    case 'webhook':
      return [['credentials', integration.bearerToken]];
    case 'opsgenie':
      return [['api_key', integration.apiKey]];
  }
}

const TOKEN_PARAMETER = /^(?:token|key|api[_-]?key|apikey|secret|password|sig|signature|access[_-]?token|auth)$/i;
/** A path segment that reads like a credential: long, mixing letters and digits (Slack, OnCall, Teams tokens). */
const TOKEN_SEGMENT = /^(?=[A-Za-z0-9_-]{20,}$)(?=.*\d)(?=.*[A-Za-z])/;

/** What in a URL is a credential written literally (a `${NAME}` placeholder is not). */
export function urlCredential(url: string): string | undefined {
  const withoutPlaceholders = url.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'PLACEHOLDER');
  let parsed: URL;
  try {
    parsed = new URL(withoutPlaceholders);
  } catch {
    return undefined;
  }
  if (parsed.password !== '') return 'a password in the URL';
  for (const [name, value] of parsed.searchParams)
    if (TOKEN_PARAMETER.test(name) && value !== 'PLACEHOLDER') return `the ${name} parameter`;
  if (parsed.hostname === 'hooks.slack.com' && parsed.pathname.startsWith('/services/')) return 'a Slack webhook path';
  const segment = parsed.pathname.split('/').find((part) => TOKEN_SEGMENT.test(part));
  return segment === undefined ? undefined : `the path segment ${segment.slice(0, 4)}…`;
}

export const literalSecretRule: ProjectRule = {
  id: 'alertmanager/literal-secret',
  description:
    'A receiver credential (routing key, API key or URL, password, bearer token, a token inside a webhook URL) written literally: use secretFile(…) or deployTime(…).',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const receiver of alertmanager.receivers) {
      const subject = subjectOf.receiver(receiver.name);
      for (const integration of receiver.integrations) {
        for (const [field, secret] of secrets(integration)) {
          if (typeof secret !== 'string') continue;
          findings.push(
            alertmanagerFinding(
              this.id,
              'error',
              subject,
              receiver.at,
              `${receiver.name}: ${integration.kind} ${field} is written literally; generated/ is committed and reviewed.`,
              `Use secretFile('/etc/alertmanager/secrets/…') (written as ${field}_file) or deployTime('NAME') (substituted when deployed).`,
            ),
          );
        }
        const credential = integration.kind === 'webhook' ? urlCredential(integration.url) : undefined;
        if (credential !== undefined)
          findings.push(
            alertmanagerFinding(
              this.id,
              'error',
              subject,
              receiver.at,
              `${receiver.name}: the webhook URL carries a credential (${credential}).`,
              'Write that part as a ${NAME} placeholder for the deploy step to fill, or send it as bearerToken: secretFile(…).',
            ),
          );
      }
    }
    const smtp = alertmanager.config.smtp;
    if (typeof smtp?.authPassword === 'string')
      findings.push(
        alertmanagerFinding(
          this.id,
          'error',
          'alertmanager/smtp',
          alertmanager.config.at,
          'smtp authPassword is written literally.',
          "Use secretFile('/etc/alertmanager/secrets/smtp-password').",
        ),
      );
    return findings;
  },
};

/** Names of templates the routed receivers' texts invoke, directly or through other templates. */
function usedTemplates(receivers: readonly Receiver[], declared: readonly NotificationTemplate[]): Set<string> {
  const used = new Set<string>();
  const pending: string[] = [];
  const invoke = (text: NotificationText): void => {
    if (typeof text !== 'string') pending.push(text.template.name);
    else pending.push(...callsIn(text));
  };
  for (const receiver of receivers)
    for (const integration of receiver.integrations)
      for (const [, text] of notificationTexts(integration)) invoke(text);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    for (const template of declared) if (template.name === name) pending.push(...callsIn(template.text));
  }
  return used;
}

function callsIn(text: string): string[] {
  try {
    return templateCalls(parseTemplate(text, ALERTMANAGER_TEMPLATES));
  } catch {
    return []; // alertmanager/template reports it
  }
}

export const unusedRule: ProjectRule = {
  id: 'alertmanager/unused',
  description:
    'A receiver no route sends to, a template no receiver uses, or a time interval no route names (warning).',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const { config } = alertmanager;
    const routed = new Set<Receiver>();
    const intervals = new Set<string>();
    const walk = (route: typeof config.route | NonNullable<typeof config.route.routes>[number]): void => {
      if (route.receiver !== undefined) routed.add(route.receiver);
      for (const interval of [...(route.activeTimeIntervals ?? []), ...(route.muteTimeIntervals ?? [])])
        intervals.add(interval.name);
      for (const child of route.routes ?? []) walk(child);
    };
    walk(config.route);
    const used = usedTemplates([...routed], config.templates);
    const unused = (
      kind: string,
      subject: string,
      item: { readonly name: string; readonly at: SourceLocation },
      user: string,
      hint: string,
    ): RuleFinding =>
      alertmanagerFinding(
        this.id,
        'warning',
        subject,
        item.at,
        `${kind} ${item.name} is declared, but no ${user}.`,
        hint,
      );
    return [
      ...config.receivers
        .filter((r) => !routed.has(r))
        .map((r) =>
          unused('Receiver', subjectOf.receiver(r.name), r, 'route sends to it', 'Route alerts to it, or remove it.'),
        ),
      ...config.templates
        .filter((t) => !used.has(t.name))
        .map((t) =>
          unused(
            'Template',
            subjectOf.notificationTemplate(t.name),
            t,
            'receiver uses it',
            'Use it in a receiver text (useTemplate), or remove it.',
          ),
        ),
      ...config.timeIntervals
        .filter((i) => !intervals.has(i.name))
        .map((i) =>
          unused(
            'Time interval',
            subjectOf.timeInterval(i.name),
            i,
            'route names it',
            'Use it in activeTimeIntervals or muteTimeIntervals, or remove it.',
          ),
        ),
    ];
  },
};
