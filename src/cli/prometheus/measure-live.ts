import type { MetricKind } from '../../model/metric-spec.ts';
import {
  familySeriesNames,
  ownLabels,
  type LiveLabel,
  type LiveMetric,
  type LiveSnapshot,
} from '../../live/live-snapshot.ts';
import { quote } from '../../promql/string-literal.ts';
import { escapeRegexp } from '../../promql/value-set-matcher.ts';
import { mapConcurrently } from '../run-process.ts';
import { PrometheusError, type PrometheusClient } from './prometheus-client.ts';

/** Label values fetched per label up to this many; beyond it only their number is measured. */
const VALUES_CAP = 200;
/** The tags of the series and combinations counts among the per-label counts (no label can be named so). */
const SERIES = '__series__';
const COMBINATIONS = '__combinations__';
/** Families measured at once. */
const CONCURRENCY = 6;

/** A family to measure: its catalog name, and the kind when the catalog (or metadata) says it. */
export interface FamilyRequest {
  readonly name: string;
  readonly kind: MetricKind | undefined;
}

interface MetadataEntry {
  readonly type: string;
  readonly help: string;
  readonly unit: string;
}

/**
 * Measures families metric by metric, never pulling series: the names and label names from the
 * label APIs, the counts from `count(...)` queries over `last_over_time(...[window])` (so a series
 * seen anywhere in the window counts), and label values only for labels with at most
 * VALUES_CAP of them. `selector` (matchers without braces, e.g. `job="shop"`) narrows every read.
 */
export async function measureLive(
  client: PrometheusClient,
  options: {
    readonly selector: string;
    readonly time: number;
    readonly windowSeconds: number;
    /** Families to measure; undefined measures every family the selector finds. */
    readonly families: readonly FamilyRequest[] | undefined;
    readonly source: string;
    /** Labels the targets add beyond job and instance (the catalog's targetLabels). */
    readonly targetLabels: readonly string[];
  },
): Promise<LiveSnapshot> {
  const { selector, time, windowSeconds } = options;
  const range: [string, string][] = [
    ['start', String(time - windowSeconds)],
    ['end', String(time)],
  ];
  const metadata = await client.api<Record<string, readonly MetadataEntry[]>>('metadata');
  const names = new Set(
    await client.api<string[]>('label/__name__/values', [['match[]', `{${selector || '__name__=~".+"'}}`], ...range]),
  );
  const requests = options.families ?? familiesOf(names, metadata);
  // A few families at a time over one kept-alive connection pool: the server answers each quickly.
  const metrics = await mapConcurrently(requests, CONCURRENCY, async (family): Promise<LiveMetric> => {
    const kind = family.kind ?? kindFromMetadata(family.name, metadata);
    const members = familySeriesNames(family.name, kind).filter((name) => names.has(name));
    const entry = metadataOf(family.name, metadata);
    // What Prometheus says, never what was asked for: verify compares the two.
    const reported = metadataKind(entry) ?? (options.families === undefined ? kind : undefined);
    const unit = entry?.unit === '' ? undefined : entry?.unit;
    if (members.length === 0)
      return {
        name: family.name,
        kind: reported,
        help: entry?.help,
        unit,
        series: 0,
        combinations: 0,
        labels: new Map(),
      };
    // The series carrying every label of the family: a histogram's buckets, a summary's quantiles.
    const representative = members[0]!;
    const scoped = (matcher: string) => `{${matcher}${selector === '' ? '' : `, ${selector}`}}`;
    const labelNames = (
      await client.api<string[]>('labels', [['match[]', scoped(`__name__=${quote(representative)}`)], ...range])
    ).filter((label) => label !== '__name__');
    const window = `[${windowSeconds}s]`;
    const live = `last_over_time(${scoped(`__name__=${quote(representative)}`)}${window})`;
    const familyLive = `last_over_time(${scoped(`__name__=~${quote(members.map(escapeRegexp).join('|'))}`)}${window})`;
    const own = ownLabels(labelNames, options.targetLabels);
    const tagged = (query: string, tag: string) => `label_replace(${query}, "obsgen_label", ${quote(tag)}, "", "")`;
    // One query for the family's series, every label's number of values and the own labels' combinations.
    const counts = new Map<string, number>();
    const countQuery = [
      tagged(`count(${familyLive})`, SERIES),
      ...labelNames.map((label) => tagged(`count(count by (${label}) (${live}))`, label)),
      tagged(`count(count by (${own.join(', ')}) (${live}))`, COMBINATIONS),
    ].join(' or ');
    for (const row of await client.vector(countQuery, time)) counts.set(row.metric.obsgen_label ?? '', row.value);
    // And one for the values of every label that has few.
    const few = labelNames.filter((label) => (counts.get(label) ?? 0) <= VALUES_CAP);
    const values = new Map<string, Set<string>>(few.map((label) => [label, new Set()]));
    if (few.length > 0)
      for (const row of await client.vector(
        few.map((label) => tagged(`group by (${label}) (${live})`, label)).join(' or '),
        time,
      )) {
        const label = row.metric.obsgen_label ?? '';
        const value = row.metric[label];
        if (value !== undefined && value !== '') values.get(label)?.add(value);
      }
    const labels = new Map<string, LiveLabel>(
      labelNames.map((label): [string, LiveLabel] => {
        const seen = values.get(label);
        return [label, { distinct: counts.get(label) ?? 0, values: seen === undefined ? undefined : [...seen].sort() }];
      }),
    );
    return {
      name: family.name,
      kind: reported,
      help: entry?.help,
      unit,
      series: counts.get(SERIES) ?? 0,
      combinations: counts.get(COMBINATIONS) ?? 0,
      labels,
    };
  });
  return {
    source: options.source,
    time,
    windowSeconds,
    valuesCap: VALUES_CAP,
    metrics,
    scrapeIntervalSeconds: await scrapeInterval(client),
  };
}

/** Every family among the names: histograms and summaries by their metadata (or their _bucket), the rest one name each. */
function familiesOf(names: ReadonlySet<string>, metadata: Record<string, readonly MetadataEntry[]>): FamilyRequest[] {
  const families: FamilyRequest[] = [];
  const claimed = new Set<string>();
  for (const name of [...names].sort()) {
    const stem = name.replace(/_(bucket|sum|count)$/, '');
    const stemKind = kindFromMetadata(stem, metadata);
    const grouped =
      stem !== name &&
      (stemKind === 'histogram' || stemKind === 'summary' || (stemKind === undefined && names.has(`${stem}_bucket`)));
    if (grouped) {
      if (claimed.has(stem)) continue;
      claimed.add(stem);
      families.push({ name: stem, kind: stemKind ?? 'histogram' });
      continue;
    }
    if (claimed.has(name)) continue;
    claimed.add(name);
    families.push({ name, kind: kindFromMetadata(name, metadata) });
  }
  return families;
}

/** The metadata of a family: its own name, or a counter's name without _total (OpenMetrics names families so). */
function metadataOf(name: string, metadata: Record<string, readonly MetadataEntry[]>): MetadataEntry | undefined {
  return metadata[name]?.[0] ?? (name.endsWith('_total') ? metadata[name.slice(0, -'_total'.length)]?.[0] : undefined);
}

function kindFromMetadata(name: string, metadata: Record<string, readonly MetadataEntry[]>): MetricKind | undefined {
  const kind = metadataKind(metadataOf(name, metadata));
  return kind === 'unknown' ? undefined : kind;
}

function metadataKind(entry: MetadataEntry | undefined): MetricKind | 'unknown' | undefined {
  if (entry === undefined) return undefined;
  switch (entry.type) {
    case 'counter':
    case 'gauge':
    case 'histogram':
    case 'summary':
      return entry.type;
    case 'gaugehistogram':
      return 'histogram';
    default:
      return 'unknown';
  }
}

/** The most common scrape interval of the active targets, when the targets API reports it. */
async function scrapeInterval(client: PrometheusClient): Promise<number | undefined> {
  let targets: { activeTargets?: { scrapeInterval?: string }[] };
  try {
    targets = await client.api('targets', [['state', 'active']]);
  } catch (error) {
    // Mimir and Thanos query APIs have no targets endpoint: the interval stays a guess.
    if (error instanceof PrometheusError) return undefined;
    throw error;
  }
  const counts = new Map<number, number>();
  for (const target of targets.activeTargets ?? []) {
    const match = /^(\d+)(ms|s|m|h)$/.exec(target.scrapeInterval ?? '');
    if (match === null) continue;
    const seconds = Number(match[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as 'ms' | 's' | 'm' | 'h'];
    counts.set(seconds, (counts.get(seconds) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}
