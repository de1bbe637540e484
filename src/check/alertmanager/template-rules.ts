import { notificationTexts } from '../../derive/alertmanager/alertmanager-facts.ts';
import type { NotificationText } from '../../model/alertmanager/notification-template.ts';
import { OBSGEN_TEMPLATE_NAMES } from '../../model/alertmanager/obsgen-templates.ts';
import { subjectOf } from '../../subject.ts';
import { ALERTMANAGER_TEMPLATES, parseTemplate, templateCalls, TemplateError } from '../../template/go-template.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { alertmanagerFinding } from './alertmanager-finding.ts';

/** What obsgen's text template says: it links the runbook and the dashboard. */
const OBSGEN_TEXT_LINKS = new Set(['obsgen.text', 'obsgen.html']);

export const templateRule: ProjectRule = {
  id: 'alertmanager/template',
  description:
    'A notification template or text that Alertmanager cannot load: Go template syntax, a function Alertmanager 0.25 lacks, or {{ template }} of a name nobody defines.',
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const defined = new Set([...OBSGEN_TEMPLATE_NAMES, ...alertmanager.templates.map((t) => t.name)]);
    const findings: RuleFinding[] = [];
    const inspect = (text: string, subject: string, at: RuleFinding['at'], where: string): void => {
      try {
        for (const name of templateCalls(parseTemplate(text, ALERTMANAGER_TEMPLATES))) {
          if (!defined.has(name))
            findings.push(
              alertmanagerFinding(
                this.id,
                'error',
                subject,
                at,
                `${where} invokes template "${name}", which is not defined.`,
                `Declare it with notificationTemplate('${name}', …), or use one of: ${[...defined].join(', ')}.`,
              ),
            );
        }
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        findings.push(
          alertmanagerFinding(
            this.id,
            'error',
            subject,
            at,
            `${where}: ${error.message} (at character ${error.offset + 1}).`,
            'Fix the Go template; Alertmanager refuses to load the configuration otherwise.',
          ),
        );
      }
    };
    for (const template of alertmanager.templates)
      inspect(template.text, subjectOf.notificationTemplate(template.name), template.at, `template ${template.name}`);
    for (const receiver of alertmanager.receivers) {
      for (const integration of receiver.integrations) {
        for (const [field, text] of notificationTexts(integration))
          if (typeof text === 'string')
            inspect(
              text,
              subjectOf.receiver(receiver.name),
              receiver.at,
              `${receiver.name} ${integration.kind} ${field}`,
            );
      }
    }
    return findings;
  },
};

export const notificationLinksRule: ProjectRule = {
  id: 'alertmanager/notification-links',
  description:
    "A receiver's own notification text that shows no runbook link (.Annotations.runbook_url): whoever is notified has to look for it (warning).",
  scope: 'project',
  check({ alertmanager }) {
    if (alertmanager === undefined) return [];
    const templates = new Map(alertmanager.templates.map((t) => [t.name, t.text]));
    /** Whether the text, or a template it invokes (transitively), reads runbook_url. */
    const links = (text: NotificationText, seen = new Set<string>()): boolean => {
      const source = typeof text === 'string' ? text : (templates.get(text.template.name) ?? '');
      if (source.includes('runbook_url')) return true;
      let calls: string[];
      try {
        calls =
          typeof text === 'string'
            ? templateCalls(parseTemplate(source, ALERTMANAGER_TEMPLATES))
            : [text.template.name, ...templateCalls(parseTemplate(source, ALERTMANAGER_TEMPLATES))];
      } catch {
        return true; // alertmanager/template reports it
      }
      return calls.some((name) => {
        if (OBSGEN_TEXT_LINKS.has(name)) return true;
        if (seen.has(name) || !templates.has(name)) return false;
        seen.add(name);
        return links(templates.get(name)!, seen);
      });
    };
    return alertmanager.receivers.flatMap((receiver) =>
      receiver.integrations.flatMap((integration) =>
        notificationTexts(integration)
          .filter(([field]) => field === 'text' || field === 'description')
          .filter(([, text]) => !links(text))
          .map(([field]) =>
            alertmanagerFinding(
              this.id,
              'warning',
              subjectOf.receiver(receiver.name),
              receiver.at,
              `${receiver.name}: the ${integration.kind} ${field} shows no runbook link.`,
              'Include {{ .Annotations.runbook_url }} (and .Annotations.dashboard_url), or leave the text out to use obsgen.text.',
            ),
          ),
      ),
    );
  },
};
