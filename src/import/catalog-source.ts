import type { InferredMetric } from './inferred-catalog.ts';
import { allowSource, type ImportAllows } from './import-allows.ts';
import { propertyKey, reviewComment, stringLiteral } from './typescript-source.ts';

const DEFAULT_QUANTILES = [0.5, 0.9, 0.99];

/** 15s (a common default), or shorter when the rules' shortest range needs four scrapes in it. */
function scrapeInterval(shortestRange: number | undefined): string {
  const seconds = Math.min(15, Math.floor((shortestRange ?? 60) / 4));
  return `${Math.max(1, seconds)}s`;
}

/** The inferred catalog as a `catalog(...)` call; each guessed kind and domain marked for review. */
export function catalogSource(
  system: string,
  metrics: readonly InferredMetric[],
  allows: ImportAllows,
  shortestRange: number | undefined,
): { source: string; guesses: number; imports: string[]; metrics: ReadonlyMap<string, InferredMetric> } {
  const labels = new Map<string, number>();
  for (const metric of metrics)
    for (const label of metric.labels)
      labels.set(label, Math.max(labels.get(label) ?? 0, metric.values.get(label)?.size ?? 0));
  let guesses = 2;
  const labelLines = [...labels]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, seen]) => {
      guesses++;
      const max = Math.max(10, seen);
      return `    ${propertyKey(label)}: bounded(${max}, 'imported: the number of values is a guess'),\n`;
    });
  const imports = new Set(['bounded']);
  const metricLines = metrics.map((metric) => {
    guesses++;
    imports.add(metric.kind);
    const options = [`help: 'Imported: say what it measures.'`];
    if (metric.labels.size > 0) options.push(`labels: [${[...metric.labels].sort().map(stringLiteral).join(', ')}]`);
    const allowed = allowSource(allows.get(`${system}/metric/${metric.name}`));
    if (allowed !== undefined) options.push(allowed);
    if (metric.kind === 'histogram') {
      const seen = [...(metric.values.get('le') ?? [])]
        .map(Number)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      options.push(
        `buckets: [${(seen.length > 0 ? seen : [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]).join(', ')}]`,
      );
    }
    if (metric.kind === 'summary') {
      const seen = [...(metric.values.get('quantile') ?? [])]
        .map(Number)
        .filter((q) => q >= 0 && q <= 1)
        .sort((a, b) => a - b);
      options.push(`quantiles: [${(seen.length > 0 ? seen : DEFAULT_QUANTILES).join(', ')}]`);
    }
    const reason = metric.reason === '' ? 'a gauge, as nothing says otherwise' : `a ${metric.kind}, ${metric.reason}`;
    return `${reviewComment('    ', reason)}    ${propertyKey(metric.name)}: ${metric.kind}({ ${options.join(', ')} }),\n`;
  });
  const identifier = system.replace(/-/g, '_');
  const source =
    `export const ${identifier} = catalog(${stringLiteral(system)}, {\n` +
    reviewComment('  ', 'the scrape interval and the number of targets are guesses') +
    `  scrapeInterval: '${scrapeInterval(shortestRange)}',\n  instances: 1,\n` +
    `  labels: {\n${labelLines.join('')}  },\n` +
    `  metrics: {\n${metricLines.join('')}  },\n});\n`;
  return { source, guesses, imports: [...imports], metrics: new Map(metrics.map((m) => [m.name, m])) };
}
