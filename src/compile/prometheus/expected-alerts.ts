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
const rendered = new WeakMap<Project, WeakMap<System, WeakMap<AlertRule, WeakMap<ExpectedAlert, RenderedAlert>>>>();

function level<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function renderExpectedAlert(project: Project, system: System, alert: AlertRule, expected: ExpectedAlert): RenderedAlert {
  // Pure for a project, system, alert and case, and needed by alert/test and the test files.
  const byAlert = level(level(level(rendered, project, () => new WeakMap()), system, () => new WeakMap()), alert, () => new WeakMap<ExpectedAlert, RenderedAlert>());
  return level(byAlert, expected, () => render(project, system, alert, expected));
}

function render(project: Project, system: System, alert: AlertRule, expected: ExpectedAlert): RenderedAlert {
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
