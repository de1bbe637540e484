import type { AlertLabelSet } from '../../derive/alert-label-set.ts';
import { isAlert, ruleSubject } from '../../derive/rule-analysis.ts';
import type { SystemFacts } from '../../derive/system-facts.ts';
import { hasActions, parseTemplate } from '../../template/go-template.ts';
import type { SystemArtifacts } from '../system-artifacts.ts';

/** The label sets a system's alerts reach Alertmanager with: what routing and inhibition are checked against. */
export function alertLabelSets(facts: SystemFacts, artifacts: SystemArtifacts): AlertLabelSet[] {
  return facts.rules.rules.filter(isAlert).flatMap((entry): AlertLabelSet[] => {
    const compiled = artifacts.alerts.get(entry.rule);
    if (compiled === undefined) return [];
    const alertname = entry.rule.name;
    const fixed: Record<string, string> = { alertname };
    for (const [label, value] of compiled.labels) if (!isTemplated(value)) fixed[label] = value;
    const known = entry.analysis.labels.known;
    const names =
      known === undefined ? undefined : new Set([...known, ...compiled.labels.map(([label]) => label), 'alertname']);
    const examples = [...compiled.expected.values()].flatMap((rendered) =>
      rendered.ok ? [{ ...rendered.alert.labels, alertname }] : [],
    );
    return [
      {
        system: entry.system.name,
        alert: alertname,
        subject: ruleSubject(entry),
        at: entry.rule.at,
        fixed,
        names,
        examples,
      },
    ];
  });
}

function isTemplated(value: string): boolean {
  try {
    return hasActions(parseTemplate(value));
  } catch {
    return true; // alert/template reports it; its value is not known
  }
}
