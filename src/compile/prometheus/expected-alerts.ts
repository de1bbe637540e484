import type { AlertRule, ExpectedAlert } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';
import { evaluateTemplate } from '../../template/evaluate.ts';
import { parseTemplate } from '../../template/go-template.ts';
import { alertAnnotations, alertLabels } from './alert-annotations.ts';

export interface RenderedAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * The labels and annotations Prometheus will give a firing alert: the expression's labels plus
 * the rule's (templated) labels, and every annotation rendered with those labels and the value.
 * Throws TemplateError/UnsupportedTemplate; the alert/test check reports those first.
 */
export function renderExpectedAlert(project: Project, system: System, alert: AlertRule, expected: ExpectedAlert): RenderedAlert {
  const data = { labels: expected.labels, value: expected.value ?? Number.NaN };
  const render = (text: string): string => evaluateTemplate(parseTemplate(text), data);
  const labels: Record<string, string> = { ...expected.labels };
  for (const [key, value] of alertLabels(alert)) labels[key] = render(value);
  const annotations: Record<string, string> = {};
  for (const [key, value] of alertAnnotations(project, system, alert)) annotations[key] = render(value);
  return { labels: sorted(labels), annotations: sorted(annotations) };
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
