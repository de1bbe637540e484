import type { ImportAllows } from '../import/import-allows.ts';
import { allowSource } from '../import/import-allows.ts';
import { propertyKey, reviewComment, stringLiteral } from '../import/typescript-source.ts';
import { BASE_UNITS } from '../model/unit.ts';
import { roomToGrow } from './room-to-grow.ts';
import { ownLabels, PROMETHEUS_OWN_SERIES, type LiveMetric, type LiveSnapshot } from './live-snapshot.ts';

/** A label with at most this many values, none of them id-like, becomes a oneOf. */
const ONE_OF_MAX = 12;
/** Values that identify one thing each (ids, hashes, timestamps): such a label has no bound. */
const ID_LIKE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|\d{6,})$/i;

export interface LiveCatalogSource {
  /** The module: a catalog, its system and a project that builds on its own. */
  readonly source: string;
  /** Families written, and what was left out with why. */
  readonly written: number;
  readonly leftOut: readonly string[];
  readonly guesses: number;
}

/**
 * A typed catalog module from what a live Prometheus holds: kinds, help and units from metadata,
 * label domains from the measured values (oneOf for few, bounded with room to grow, unbounded for
 * ids), buckets from le, series caps from the measured combinations. Every guess carries a
 * `// review:` comment; recordings (names with a colon) and Prometheus' own target series are
 * left out and listed.
 */
export function catalogFromLive(snapshot: LiveSnapshot, system: string, allows: ImportAllows): LiveCatalogSource {
  const leftOut: string[] = [];
  const metrics: LiveMetric[] = [];
  for (const metric of snapshot.metrics) {
    if (PROMETHEUS_OWN_SERIES.has(metric.name))
      leftOut.push(
        `${metric.name}: Prometheus' own series (${metric.name.startsWith('ALERTS') ? 'alert state' : 'for every target'})`,
      );
    else if (metric.name.includes(':'))
      leftOut.push(`${metric.name}: a recording rule's output (level:metric:operation)`);
    else if (metric.series === 0) leftOut.push(`${metric.name}: no series in the window`);
    else if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(metric.name))
      leftOut.push(`${metric.name}: not a name obsgen can declare`);
    else metrics.push(metric);
  }
  const instances = Math.max(1, ...metrics.map((m) => m.labels.get('instance')?.distinct ?? 1));
  const domains = labelDomains(metrics);
  let guesses = 2;
  const imports = new Set(['catalog', 'project', 'system']);
  const labelLines = [...domains.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, domain]) => {
      guesses++;
      imports.add(domain.kind);
      const key = propertyKey(label);
      switch (domain.kind) {
        case 'oneOf':
          return `${reviewComment('    ', `measured: ${count(domain.values.length, 'value')}; a value added in code fails verify until it is listed`)}    ${key}: oneOf(${domain.values.map(stringLiteral).join(', ')}),\n`;
        case 'unbounded':
          return `${reviewComment('    ', `measured ${domain.measured} values that look like ids: keep it off metrics (drop it at the collector) or bound it`)}    ${key}: unbounded(${stringLiteral(`measured ${domain.measured} values, id-like`)}),\n`;
        case 'bounded':
          return `${reviewComment('    ', `measured ${domain.measured} values; the bound leaves room to grow`)}    ${key}: bounded(${domain.max}, ${stringLiteral(`measured ${domain.measured} values`)}),\n`;
      }
    });
  const metricLines = metrics.map((metric) => {
    const kind = metric.kind === undefined || metric.kind === 'unknown' ? 'gauge' : metric.kind;
    imports.add(kind === 'updowncounter' ? 'upDownCounter' : kind);
    const own = ownLabels(metric.labels.keys());
    const options = [
      `help: ${stringLiteral(metric.help !== undefined && metric.help !== '' ? metric.help : 'Imported: say what it measures.')}`,
    ];
    if (own.length > 0) options.push(`labels: [${own.map(stringLiteral).join(', ')}]`);
    const unit = unitOf(metric);
    if (unit !== undefined) options.push(`unit: ${stringLiteral(unit)}`);
    // The measured combinations, when the domains' product overstates them: the estimate follows them.
    const product = own.reduce((n, label) => n * domainSize(domains.get(label)!), 1);
    if (own.length > 1 && product > metric.combinations * 2)
      options.push(
        `combinations: { max: ${roomToGrow(metric.combinations)}, why: ${stringLiteral(`measured ${metric.combinations} of the ${product} the domains allow`)} }`,
      );
    if (kind === 'histogram') options.push(`buckets: [${numbers(metric, 'le').join(', ')}]`);
    if (kind === 'summary') options.push(`quantiles: [${numbers(metric, 'quantile').join(', ')}]`);
    const unbounded = own.filter((label) => domains.get(label)?.kind === 'unbounded');
    const entries = [
      ...(allows.get(`${system}/metric/${metric.name}`) ?? []),
      ...unbounded.map((label) => ({
        rule: 'cardinality/unbounded-label',
        reason: `measured in production: ${label} has ${domains.get(label)!.measured} values; decide to drop or bound it`,
      })),
    ];
    const allowed = allowSource(entries);
    if (allowed !== undefined) options.push(allowed);
    const notes: string[] = [];
    if (metric.kind === undefined || metric.kind === 'unknown')
      notes.push('no metadata says its type: a gauge, as nothing says otherwise');
    if (metric.help === undefined || metric.help === '') notes.push('no help in the metadata');
    guesses += notes.length;
    return `${notes.map((note) => reviewComment('    ', note)).join('')}    ${propertyKey(metric.name)}: ${kind === 'updowncounter' ? 'upDownCounter' : kind}({ ${options.join(', ')} }),\n`;
  });
  const identifier = system.replace(/-/g, '_');
  const when = new Date(snapshot.time * 1000).toISOString();
  const source =
    `// Imported by obsgen import catalog from ${snapshot.source} at ${when} (the last ${snapshot.windowSeconds / 3600} h).\n` +
    `// Lines marked "review:" are guesses to check; obsgen verify --prometheus <url> holds it to production.\n` +
    `import { ${[...imports].sort().join(', ')} } from 'obsgen';\n\n` +
    `export const ${identifier} = catalog(${stringLiteral(system)}, {\n` +
    (snapshot.scrapeIntervalSeconds === undefined
      ? reviewComment('  ', 'the targets API did not say the scrape interval: 15s is a guess')
      : '') +
    `  scrapeInterval: '${snapshot.scrapeIntervalSeconds ?? 15}s',\n` +
    reviewComment('  ', `instances: the most instance values one metric has (${instances})`) +
    `  instances: ${instances},\n` +
    `  labels: {\n${labelLines.join('')}  },\n` +
    `  metrics: {\n${metricLines.join('')}  },\n});\n\n` +
    `export const ${identifier}System = system({ catalog: ${identifier} });\n\n` +
    `export default project({ systems: [${identifier}System] });\n`;
  return { source, written: metrics.length, leftOut, guesses };
}

/** A label's domain as written: what was measured, classified once. */
type WrittenDomain =
  | { readonly kind: 'oneOf'; readonly values: readonly string[]; readonly measured: number }
  | { readonly kind: 'bounded'; readonly max: number; readonly measured: number }
  | { readonly kind: 'unbounded'; readonly measured: number };

/**
 * Each label across the metrics, from its values' union (when every metric's were fetched) and
 * its largest count: oneOf for a few values, unbounded for ids, else bounded with room to grow.
 */
function labelDomains(metrics: readonly LiveMetric[]): Map<string, WrittenDomain> {
  const seen = new Map<string, { values: Set<string> | undefined; distinct: number }>();
  for (const metric of metrics)
    for (const label of ownLabels(metric.labels.keys())) {
      const live = metric.labels.get(label)!;
      const domain = seen.get(label) ?? { values: new Set<string>(), distinct: 0 };
      domain.distinct = Math.max(domain.distinct, live.distinct);
      if (live.values === undefined) domain.values = undefined;
      else for (const value of live.values) domain.values?.add(value);
      seen.set(label, domain);
    }
  return new Map(
    [...seen].map(([label, { values, distinct }]): [string, WrittenDomain] => {
      const sorted = values === undefined ? undefined : [...values].sort();
      const measured = Math.max(distinct, sorted?.length ?? 0);
      if (sorted?.some((v) => ID_LIKE.test(v)) === true || measured > 10_000)
        return [label, { kind: 'unbounded', measured }];
      if (sorted !== undefined && sorted.length <= ONE_OF_MAX)
        return [label, { kind: 'oneOf', values: sorted, measured }];
      return [label, { kind: 'bounded', max: roomToGrow(measured), measured }];
    }),
  );
}

/** The number of values a written domain allows. */
function domainSize(domain: WrittenDomain): number {
  return domain.kind === 'oneOf'
    ? domain.values.length
    : domain.kind === 'bounded'
      ? domain.max
      : Number.POSITIVE_INFINITY;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function numbers(metric: LiveMetric, label: string): number[] {
  return (metric.labels.get(label)?.values ?? [])
    .map(Number)
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
}

/** The metadata's unit when it is one obsgen knows, else the base unit the name ends with. */
function unitOf(metric: LiveMetric): string | undefined {
  const units: readonly string[] = BASE_UNITS;
  if (metric.unit !== undefined && units.includes(metric.unit)) return metric.unit;
  const suffix = units.find((unit) => metric.name.replace(/_total$/, '').endsWith(`_${unit}`));
  return suffix;
}
