import type { SourceLocation } from '../model/source-location.ts';

/** What Alertmanager will see of one alert rule: the labels its notifications carry. */
export interface AlertLabelSet {
  readonly system: string;
  readonly alert: string;
  /** The finding subject of the alert rule. */
  readonly subject: string;
  readonly at: SourceLocation;
  /** Labels every firing instance carries with a fixed value: alertname, system, severity, untemplated rule labels. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Every label name an instance may carry (the expression's and the rule's); undefined when the analysis could not tell. */
  readonly names: ReadonlySet<string> | undefined;
  /** Complete label sets of instances, from the alert's test cases (each expected alert, rule labels rendered). */
  readonly examples: readonly Readonly<Record<string, string>>[];
}

/** The label sets to route an alert by: its test cases' alerts, or its fixed labels when it has none. */
export function routingExamples(alert: AlertLabelSet): readonly Readonly<Record<string, string>>[] {
  return alert.examples.length > 0 ? alert.examples : [alert.fixed];
}

/**
 * Whether an alert instance may carry `label`: its label set (a test case's, or the fixed labels)
 * has a value for it, or the alert's expression or rule can give it one. An untested alert's
 * routing labels are its fixed labels only; its expression's labels still reach Alertmanager.
 */
export function mayCarry(alert: AlertLabelSet, labels: Readonly<Record<string, string>>, label: string): boolean {
  return (labels[label] ?? '') !== '' || label in alert.fixed || alert.names?.has(label) === true;
}
