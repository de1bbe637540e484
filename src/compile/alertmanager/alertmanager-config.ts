import type { AlertmanagerFacts } from '../../derive/alertmanager/alertmanager-facts.ts';
import { matcherList, matcherText } from '../../derive/alertmanager/route-matchers.ts';
import type { AlertMatchers } from '../../model/alertmanager/alert-matchers.ts';
import type { Integration, Receiver } from '../../model/alertmanager/receiver.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import { placeholder, type Secret } from '../../model/alertmanager/secret.ts';
import type { TimeInterval, TimePeriod } from '../../model/alertmanager/time-interval.ts';
import type { YamlValue } from '../yaml-emitter.ts';
import { renderText, TEMPLATE_DIRECTORY } from './notification-templates.ts';

type YamlMap = Record<string, YamlValue>;

const TITLE = '{{ template "obsgen.title" . }}';
const TEXT = '{{ template "obsgen.text" . }}';

/** alertmanager.yml in current syntax (`matchers:`, `time_intervals:`), as Alertmanager 0.25+ and Mimir load it. */
export function alertmanagerConfig(facts: AlertmanagerFacts): YamlMap {
  const { config } = facts;
  const global: YamlMap = {
    ...(config.resolveTimeout === undefined ? {} : { resolve_timeout: config.resolveTimeout }),
    ...(config.smtp === undefined
      ? {}
      : {
          smtp_from: config.smtp.from,
          smtp_smarthost: config.smtp.smarthost,
          ...(config.smtp.authUsername === undefined ? {} : { smtp_auth_username: config.smtp.authUsername }),
          ...secretField('smtp_auth_password', config.smtp.authPassword),
          ...(config.smtp.requireTls === undefined ? {} : { smtp_require_tls: config.smtp.requireTls }),
        }),
  };
  return {
    ...(Object.keys(global).length === 0 ? {} : { global }),
    templates: [`${TEMPLATE_DIRECTORY}/*.tmpl`],
    route: routeYaml(config.route, true),
    ...(facts.inhibitions.length === 0
      ? {}
      : {
          inhibit_rules: facts.inhibitions.map((inhibition) => ({
            source_matchers: matchersYaml(inhibition.source),
            target_matchers: matchersYaml(inhibition.target),
            ...(inhibition.equal.length === 0 ? {} : { equal: [...inhibition.equal] }),
          })),
        }),
    receivers: facts.receivers.map(receiverYaml),
    ...(facts.timeIntervals.length === 0 ? {} : { time_intervals: facts.timeIntervals.map(timeIntervalYaml) }),
  };
}

function matchersYaml(matchers: AlertMatchers | undefined): string[] {
  return matcherList(matchers).map(matcherText);
}

function routeYaml(route: Route, root: boolean): YamlMap {
  const matchers = root ? [] : matchersYaml(route.matchers);
  return {
    ...(route.receiver === undefined ? {} : { receiver: route.receiver.name }),
    ...(route.groupBy === undefined ? {} : { group_by: route.groupBy === '...' ? ['...'] : [...route.groupBy] }),
    ...(matchers.length === 0 ? {} : { matchers }),
    ...(route.continue === true && !root ? { continue: true } : {}),
    ...(route.groupWait === undefined ? {} : { group_wait: route.groupWait }),
    ...(route.groupInterval === undefined ? {} : { group_interval: route.groupInterval }),
    ...(route.repeatInterval === undefined ? {} : { repeat_interval: route.repeatInterval }),
    ...(route.muteTimeIntervals === undefined || route.muteTimeIntervals.length === 0
      ? {}
      : { mute_time_intervals: route.muteTimeIntervals.map((i) => i.name) }),
    ...(route.activeTimeIntervals === undefined || route.activeTimeIntervals.length === 0
      ? {}
      : { active_time_intervals: route.activeTimeIntervals.map((i) => i.name) }),
    ...(route.routes === undefined || route.routes.length === 0
      ? {}
      : { routes: route.routes.map((child) => routeYaml(child, false)) }),
  };
}

/** `<field>_file: path` for a secret file, `<field>: ${NAME}` for a deploy-time value, else the literal (a finding). */
function secretField(field: string, secret: Secret | undefined): YamlMap {
  if (secret === undefined) return {};
  if (typeof secret === 'string') return { [field]: secret };
  return secret.kind === 'secret-file' ? { [`${field}_file`]: secret.path } : { [field]: placeholder(secret) };
}

const resolved = (integration: Integration): YamlMap =>
  integration.sendResolved === undefined ? {} : { send_resolved: integration.sendResolved };

function integrationYaml(integration: Integration): readonly [string, YamlMap] {
  switch (integration.kind) {
    case 'pagerduty':
      return [
        'pagerduty_configs',
        {
          ...resolved(integration),
          ...secretField('routing_key', integration.routingKey),
          ...(integration.severity === undefined ? {} : { severity: integration.severity }),
          description: integration.description === undefined ? TITLE : renderText(integration.description),
          details: { firing: TEXT },
        },
      ];
    case 'slack':
      return [
        'slack_configs',
        {
          ...resolved(integration),
          ...secretField('api_url', integration.apiUrl),
          channel: integration.channel,
          title: integration.title === undefined ? TITLE : renderText(integration.title),
          text: integration.text === undefined ? TEXT : renderText(integration.text),
        },
      ];
    case 'email':
      return [
        'email_configs',
        {
          ...resolved(integration),
          to: integration.to,
          ...(integration.from === undefined ? {} : { from: integration.from }),
          ...(integration.smarthost === undefined ? {} : { smarthost: integration.smarthost }),
          ...(integration.authUsername === undefined ? {} : { auth_username: integration.authUsername }),
          ...secretField('auth_password', integration.authPassword),
          ...(integration.requireTls === undefined ? {} : { require_tls: integration.requireTls }),
          headers: { Subject: integration.subject === undefined ? TITLE : renderText(integration.subject) },
          html: '{{ template "obsgen.html" . }}',
          text: integration.text === undefined ? TEXT : renderText(integration.text),
        },
      ];
    case 'webhook':
      return [
        'webhook_configs',
        {
          ...resolved(integration),
          url: integration.url,
          ...(integration.maxAlerts === undefined ? {} : { max_alerts: integration.maxAlerts }),
          ...(integration.bearerToken === undefined
            ? {}
            : {
                http_config: {
                  authorization: { type: 'Bearer', ...secretField('credentials', integration.bearerToken) },
                },
              }),
        },
      ];
    case 'opsgenie':
      return [
        'opsgenie_configs',
        {
          ...resolved(integration),
          ...secretField('api_key', integration.apiKey),
          message: integration.message === undefined ? TITLE : renderText(integration.message),
          description: integration.description === undefined ? TEXT : renderText(integration.description),
          ...(integration.priority === undefined ? {} : { priority: integration.priority }),
          ...(integration.responders === undefined
            ? {}
            : { responders: integration.responders.map((r) => ({ type: r.type, name: r.name })) }),
        },
      ];
  }
}

function receiverYaml(receiver: Receiver): YamlMap {
  const byKind = new Map<string, YamlMap[]>();
  for (const integration of receiver.integrations) {
    const [key, value] = integrationYaml(integration);
    byKind.set(key, [...(byKind.get(key) ?? []), value]);
  }
  return { name: receiver.name, ...Object.fromEntries(byKind) };
}

function timeIntervalYaml(interval: TimeInterval): YamlMap {
  return { name: interval.name, time_intervals: interval.periods.map(periodYaml) };
}

function periodYaml(period: TimePeriod): YamlMap {
  return {
    ...(period.weekdays === undefined ? {} : { weekdays: [...period.weekdays] }),
    ...(period.times === undefined
      ? {}
      : { times: period.times.map((t) => ({ start_time: t.start, end_time: t.end })) }),
    ...(period.daysOfMonth === undefined ? {} : { days_of_month: [...period.daysOfMonth] }),
    ...(period.months === undefined ? {} : { months: [...period.months] }),
    ...(period.years === undefined ? {} : { years: [...period.years] }),
    ...(period.location === undefined ? {} : { location: period.location }),
  };
}
