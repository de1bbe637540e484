import type { Integration } from '../../model/alertmanager/receiver.ts';
import { parseDuration } from '../../model/duration.ts';
import { isLabelName } from '../../model/label-name.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import { OBSGEN_TEMPLATE_NAMES } from '../../model/alertmanager/obsgen-templates.ts';
import { subjectOf } from '../../subject.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';
import { positionedRoutes } from './route-positions.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Local']);

/** `a` or `a:b` where each side is a name of `names` (case-insensitive) or, for months, 1-12. */
function validRange(text: string, names: readonly string[]): boolean {
  const parts = text.toLowerCase().split(':');
  const valid = (part: string): boolean =>
    names.includes(part) || (names === MONTHS && /^(?:[1-9]|1[0-2])$/.test(part));
  return parts.length <= 2 && parts.every(valid);
}

/** Why a URL field would not load in Alertmanager (a placeholder where a URL must be, a host left to deploy time). */
function urlProblem(integration: Integration): string | undefined {
  if (
    integration.kind === 'slack' &&
    typeof integration.apiUrl !== 'string' &&
    integration.apiUrl.kind !== 'secret-file'
  )
    return 'slack api_url is a deploy-time placeholder, which is not a URL.';
  if (integration.kind !== 'webhook') return undefined;
  let url: URL;
  try {
    url = new URL(integration.url.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'placeholder'));
  } catch {
    return `webhook url ${JSON.stringify(integration.url)} is not a URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `webhook url ${JSON.stringify(integration.url)} is not http(s).`;
  if (/\$\{/.test(`${integration.url.split('/').slice(0, 3).join('/')}`))
    return `webhook url ${JSON.stringify(integration.url)} leaves its scheme or host to deploy time.`;
  return undefined;
}

export const structureRule: ProjectRule = {
  id: 'alertmanager/structure',
  description:
    'An Alertmanager configuration amtool would refuse: two receivers, templates or time intervals with one name, a duration or label name that is not one, an invalid time, weekday, month or time zone.',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const { config } = alertmanager;
    const findings: RuleFinding[] = [];
    const report = (subject: string, at: SourceLocation, message: string, hint: string): void => {
      findings.push(alertmanagerFinding(this.id, 'error', subject, at, message, hint));
    };
    const unique = <T extends { readonly name: string; readonly at: SourceLocation }>(
      items: readonly T[],
      what: string,
      subject: (name: string) => string,
      reserved: readonly string[] = [],
    ): void => {
      const seen = new Set(reserved);
      for (const item of items) {
        if (seen.has(item.name))
          report(
            subject(item.name),
            item.at,
            `Two ${what}s are named ${item.name}${reserved.includes(item.name) ? ' (obsgen defines it)' : ''}.`,
            `Give each ${what} its own name.`,
          );
        seen.add(item.name);
      }
    };
    unique(alertmanager.receivers, 'receiver', subjectOf.receiver);
    unique(alertmanager.templates, 'template', subjectOf.notificationTemplate, OBSGEN_TEMPLATE_NAMES);
    unique(alertmanager.timeIntervals, 'time interval', subjectOf.timeInterval);
    if (config.resolveTimeout !== undefined && !(parseDuration(config.resolveTimeout)! > 0))
      report(
        'alertmanager',
        config.at,
        `resolveTimeout ${JSON.stringify(config.resolveTimeout)} is not a positive duration.`,
        'Use a duration such as 5m.',
      );
    for (const { route, position } of positionedRoutes(config.route)) {
      const subject = subjectOf.route(position);
      for (const [field, value] of [
        ['groupWait', route.groupWait],
        ['groupInterval', route.groupInterval],
        ['repeatInterval', route.repeatInterval],
      ] as const) {
        const seconds = value === undefined ? undefined : parseDuration(value);
        if (value !== undefined && (seconds === undefined || (field !== 'groupWait' && seconds <= 0)))
          report(
            subject,
            route.at,
            `${field} ${JSON.stringify(value)} is not a ${field === 'groupWait' ? '' : 'positive '}duration.`,
            'Use a Prometheus duration such as 30s, 5m or 4h.',
          );
      }
      const labels = [
        ...Object.keys(route.matchers ?? {}),
        ...(route.groupBy === undefined || route.groupBy === '...' ? [] : route.groupBy),
      ];
      for (const label of labels)
        if (!isLabelName(label))
          report(
            subject,
            route.at,
            `${JSON.stringify(label)} is not a label name.`,
            'Label names are letters, digits and _, not starting with a digit.',
          );
    }
    alertmanager.inhibitions.forEach((inhibition, index) => {
      for (const label of [...Object.keys(inhibition.source), ...Object.keys(inhibition.target), ...inhibition.equal]) {
        if (!isLabelName(label))
          report(
            subjectOf.inhibition(index),
            inhibition.at,
            `${JSON.stringify(label)} is not a label name.`,
            'Label names are letters, digits and _, not starting with a digit.',
          );
      }
    });
    for (const receiver of alertmanager.receivers) {
      for (const integration of receiver.integrations) {
        const problem = urlProblem(integration);
        if (problem !== undefined)
          report(
            subjectOf.receiver(receiver.name),
            receiver.at,
            `${receiver.name}: ${problem}`,
            "Alertmanager loads only http(s) URLs here: a secret file for a Slack URL, a ${NAME} placeholder only in a webhook URL's path or query.",
          );
      }
    }
    for (const interval of alertmanager.timeIntervals) {
      const subject = subjectOf.timeInterval(interval.name);
      for (const period of interval.periods) {
        for (const time of period.times ?? []) {
          if (!CLOCK.test(time.start) || !CLOCK.test(time.end) || time.start >= time.end)
            report(
              subject,
              interval.at,
              `times ${time.start}-${time.end} is not a range of HH:MM clock times.`,
              'Write 24-hour times with start before end, e.g. { start: "09:00", end: "17:00" }.',
            );
        }
        for (const day of period.weekdays ?? [])
          if (!validRange(day, WEEKDAYS))
            report(
              subject,
              interval.at,
              `weekdays ${JSON.stringify(day)} is not a weekday or range of them.`,
              'Use names such as monday or monday:friday.',
            );
        for (const month of period.months ?? [])
          if (!validRange(month, MONTHS))
            report(
              subject,
              interval.at,
              `months ${JSON.stringify(month)} is not a month or range of them.`,
              'Use names such as january, ranges such as january:march, or numbers 1-12.',
            );
        if (period.location !== undefined && !TIME_ZONES.has(period.location))
          report(
            subject,
            interval.at,
            `location ${JSON.stringify(period.location)} is not a time zone.`,
            'Use an IANA name such as Europe/Berlin or America/New_York.',
          );
      }
    }
    return findings;
  },
};
