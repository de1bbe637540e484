import type { AlertRule } from '../../model/rule.ts';
import type { ValidAlertRule, ValidProject } from '../../model/valid-system.ts';
import { alertLabels, runbookPath } from '../prometheus/alert-annotations.ts';
import type { RuleAnalysis } from '../../derive/rule-analysis.ts';
import type { OutputFile } from '../output-file.ts';
import { runbookTemplate } from './runbook.hbs.ts';

/**
 * `runbooks/<system>/<Alert>.md`, rendered with Handlebars; each alert's runbook_url points here.
 * Alerts that share a page (an SLO's burn-rate and no-data alerts) get one section each.
 */
export function runbooks(project: ValidProject, analysis: RuleAnalysis): OutputFile[] {
  const textOf = new Map(analysis.rules.map((entry) => [entry.rule, entry.text]));
  return project.systems.flatMap((system) => {
    const pages = new Map<string, string[]>();
    for (const group of system.ruleGroups) {
      for (const alert of group.rules.filter((rule): rule is ValidAlertRule => rule.kind === 'alert')) {
        const path = runbookPath(system, alert);
        pages.set(path, [...(pages.get(path) ?? []), section(system.name, alert, textOf.get(alert) ?? '')]);
      }
    }
    return [...pages.entries()].map(([path, sections]) => ({ path, content: sections.join('\n---\n\n') }));
  });
}

function section(system: string, alert: AlertRule, expr: string): string {
  return runbookTemplate({
    name: alert.name,
    severity: alert.severity,
    system,
    for: alert.for,
    summary: alert.summary,
    description: alert.description,
    impact: alert.runbook?.impact,
    expr,
    labels: alertLabels(system, alert),
    file: alert.at.file,
    line: alert.at.line,
    diagnosis: alert.runbook?.diagnosis ?? [],
    mitigation: alert.runbook?.mitigation ?? [],
    tests: (alert.tests ?? []).map((test) => ({ name: test.name, at: test.at, fires: test.alerts.length > 0 })),
  });
}
