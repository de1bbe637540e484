import type { ExpectedAlert } from '../../model/rule.ts';
import { evaluateTemplate, UnsupportedTemplate } from '../../template/evaluate.ts';
import { parseTemplate, TemplateError } from '../../template/go-template.ts';

interface RenderedAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** An expected alert rendered, or why its templates cannot be (alert/template and alert/test report it). */
export type ExpectedAlertRendering =
  | { readonly ok: true; readonly alert: RenderedAlert }
  | { readonly ok: false; readonly error: TemplateError | UnsupportedTemplate };

/**
 * The labels and annotations Prometheus will give a firing alert: the expression's labels plus
 * the rule's (templated) labels, and every annotation rendered with those labels and the value.
 */
export function renderExpectedAlert(
  labels: readonly (readonly [string, string])[],
  annotations: readonly (readonly [string, string])[],
  expected: ExpectedAlert,
): ExpectedAlertRendering {
  try {
    return { ok: true, alert: render(labels, annotations, expected) };
  } catch (error) {
    if (error instanceof TemplateError || error instanceof UnsupportedTemplate) return { ok: false, error };
    throw error;
  }
}

function render(
  ruleLabels: readonly (readonly [string, string])[],
  ruleAnnotations: readonly (readonly [string, string])[],
  expected: ExpectedAlert,
): RenderedAlert {
  const data = { labels: expected.labels, value: expected.value ?? Number.NaN };
  const render = (text: string): string => evaluateTemplate(parseTemplate(text), data);
  const labels: Record<string, string> = { ...expected.labels };
  for (const [key, value] of ruleLabels) labels[key] = render(value);
  const annotations: Record<string, string> = {};
  for (const [key, value] of ruleAnnotations) annotations[key] = render(value);
  return { labels: sorted(labels), annotations: sorted(annotations) };
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
