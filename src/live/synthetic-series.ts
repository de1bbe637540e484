import type { Catalog, Metric } from '../model/catalog.ts';

/**
 * The label sets synthetic series of one metric carry. Label values come from the label domains:
 * every value of a oneOf label appears in at least one series; bounded and unbounded labels get
 * the values the queries select and three made-up ones (never more than a bound allows).
 */
export function syntheticLabelSets(
  catalog: Catalog,
  metric: Metric,
  selected: ReadonlyMap<string, ReadonlySet<string>>,
): Record<string, string>[] {
  const values = metric.labels.map((label) => {
    const domain = catalog.labels[label];
    if (domain?.kind === 'oneOf') return [...domain.values];
    const made = [...new Set([...(selected.get(label) ?? []), ...[1, 2, 3].map((n) => `${label}-${n}`)])];
    return domain?.kind === 'bounded' ? made.slice(0, Math.max(1, domain.max)) : made;
  });
  // Every combination while that stays small (a ratio per group needs its successes and its
  // failures) and within the metric's combinations cap; beyond that, row i takes the i-th value of
  // every label, so each value still occurs.
  const combinations = values.reduce((n, v) => n * v.length, 1);
  if (combinations <= Math.min(64, metric.spec.combinations?.max ?? 64)) {
    return values.reduce<Record<string, string>[]>(
      (rows, options, i) => rows.flatMap((row) => options.map((value) => ({ ...row, [metric.labels[i]!]: value }))),
      [{}],
    );
  }
  const rows = Math.max(1, ...values.map((v) => v.length));
  return Array.from({ length: rows }, (_, row) =>
    Object.fromEntries(metric.labels.map((label, i) => [label, values[i]![row % values[i]!.length]!])),
  );
}

/** `{a="b",c="d"}` with the exposition format's escapes; '' for no labels. */
export function renderLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0
    ? ''
    : `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
