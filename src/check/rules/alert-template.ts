import { labelReferences, parseTemplate, readsValue, TemplateError } from '../../template/go-template.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, compiledAlert, ruleFinding } from './alert-entries.ts';

export const alertTemplateRule: CheckRule = {
  id: 'alert/template',
  description:
    "Alert labels and annotations are valid Go templates, $labels.x names a label the expression's result carries, and no label reads $value (each new value would be a new alert).",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const known = entry.analysis.labels.known;
      const compiled = compiledAlert(context, entry);
      const fields = [
        ...compiled.labels.map(([k, v]) => [`label ${k}`, v] as const),
        ...compiled.annotations.map(([k, v]) => [`annotation ${k}`, v] as const),
      ];
      for (const [where, text] of fields) {
        let nodes;
        try {
          nodes = parseTemplate(text);
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          // Prometheus refuses the rule file: no allow may silence this one.
          findings.push({
            ...ruleFinding(
              this.id,
              entry,
              'error',
              `${entry.rule.name} ${where}: ${error.message} (at character ${error.offset + 1}) in ${JSON.stringify(text)}.`,
              'Fix the Go template; Prometheus refuses to load the rule file otherwise.',
            ),
            allowedBy: [],
          });
          continue;
        }
        if (where.startsWith('label ') && readsValue(nodes))
          findings.push(
            ruleFinding(
              this.id,
              entry,
              'error',
              `${entry.rule.name} ${where} reads $value: an alert is identified by its labels, so every new value is a new alert and the old one resolves; it flaps at every evaluation.`,
              'Show the value in an annotation (description) instead; labels say which series, not how bad.',
            ),
          );
        if (known === undefined) continue;
        for (const reference of labelReferences(nodes)) {
          if (known.has(reference.label)) continue;
          const removed = entry.analysis.labels.removed.has(reference.label);
          findings.push(
            ruleFinding(
              this.id,
              entry,
              'error',
              `${entry.rule.name} ${where} reads $labels.${reference.label}, but the expression's result has ${known.size === 0 ? 'no labels' : `only ${[...known].sort().join(', ')}`}${removed ? ` (an aggregation removed ${reference.label})` : ''}; it renders empty.`,
              removed
                ? `Keep ${reference.label} in the aggregation's by (…), or remove the reference.`
                : 'Reference a label the expression keeps.',
            ),
          );
        }
      }
    }
    return findings;
  },
};
