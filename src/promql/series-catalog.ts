import type { Metric } from '../model/catalog.ts';
import type { LabelDomain } from '../model/label-domain.ts';
import type { SourceLocation } from '../model/source-location.ts';
import type { Project, System } from '../model/system.ts';

/** What kind of samples a stored series holds; decides which functions make sense on it. */
export type SeriesKind =
  | 'counter'
  | 'gauge'
  | 'histogram_bucket'
  | 'histogram_sum'
  | 'histogram_count'
  | 'summary_quantile'
  | 'summary_sum'
  | 'summary_count'
  | 'recorded'
  | 'unknown';

/** One series name Prometheus can hold, as the analyzer resolves it. */
export interface SeriesInfo {
  readonly name: string;
  readonly kind: SeriesKind;
  readonly origin: 'catalog' | 'recording rule' | 'builtin';
  /** Label names it carries (target labels included); undefined when not known (open). */
  readonly labels: ReadonlySet<string> | undefined;
  readonly domains: ReadonlyMap<string, LabelDomain>;
  readonly scrapeIntervalSeconds: number | undefined;
  readonly system: string | undefined;
  readonly metric: Metric | undefined;
  readonly at: SourceLocation | undefined;
  /** Declared labels the system's collector removes on the way, with the processor that does. */
  readonly removedByCollector?: ReadonlyMap<string, string>;
}

/** A catalog metric's labels as they reach Prometheus through the system's collector. */
export interface LabelsAfterCollector {
  readonly labels: readonly string[];
  readonly targetLabels: readonly string[];
  readonly removed: ReadonlyMap<string, string>;
  /** Labels the collector adds as copies of another: the copy has the original's domain. */
  readonly copiedFrom: ReadonlyMap<string, string>;
}

/** What a system's collector does to a metric's labels; undefined when it does nothing. */
export type CollectorLabels = (system: System, metric: Metric) => LabelsAfterCollector | undefined;

/** A recording rule as a virtual metric: its name, its output labels, where it is defined. */
export interface RecordedSeries {
  readonly system: string;
  readonly name: string;
  readonly labels: ReadonlySet<string> | undefined;
  /** The rule's static labels: they tell apart rules recording the same name (sloth_id, …). */
  readonly staticLabels: Readonly<Record<string, string>>;
  readonly at: SourceLocation;
}

/** Labels Prometheus attaches to every scraped series. */
const TARGET_LABELS: readonly string[] = ['job', 'instance'];

/** Series that exist without being declared: Prometheus' own, and well-known exporters' prefixes. */
const BUILTIN_EXACT: Readonly<Record<string, { kind: SeriesKind; labels?: readonly string[] }>> = {
  up: { kind: 'gauge', labels: [] },
  ALERTS: { kind: 'gauge' },
  ALERTS_FOR_STATE: { kind: 'gauge' },
  scrape_duration_seconds: { kind: 'gauge', labels: [] },
  scrape_samples_scraped: { kind: 'gauge', labels: [] },
  scrape_samples_post_metric_relabeling: { kind: 'gauge', labels: [] },
  scrape_series_added: { kind: 'gauge', labels: [] },
  scrape_timeout_seconds: { kind: 'gauge', labels: [] },
  scrape_sample_limit: { kind: 'gauge', labels: [] },
  target_info: { kind: 'gauge' },
};
const BUILTIN_PREFIXES = [
  'process_',
  'go_',
  'otelcol_',
  'prometheus_',
  'promhttp_',
  'scrape_',
  'alertmanager_',
  'python_',
];

/**
 * Resolves series names for one system: its catalog (families and their `_bucket`, `_sum`,
 * `_count` series, by Prometheus or OTel name), its recording rules, then the builtins. Names
 * from other systems of the project are found last, for cross-system dashboards.
 */
export class SeriesCatalog {
  private readonly bySystem = new Map<string, Map<string, SeriesInfo>>();
  /** Recording rules per system and name, when several record one name with different labels. */
  private readonly recordedVariants = new Map<string, Map<string, RecordedSeries[]>>();
  private readonly otelNames = new Map<string, Map<string, string>>();
  /** The series info of several recordings of one name, per set of them a selector leaves (made once each). */
  private readonly unions = new WeakMap<readonly RecordedSeries[], Map<string, SeriesInfo>>();

  constructor(
    project: Project,
    recorded: readonly RecordedSeries[] = [],
    private readonly collectorLabels: CollectorLabels = () => undefined,
  ) {
    const recordedBySystem = new Map<string, RecordedSeries[]>();
    for (const rule of recorded) {
      const list = recordedBySystem.get(rule.system);
      if (list === undefined) recordedBySystem.set(rule.system, [rule]);
      else list.push(rule);
    }
    for (const system of project.systems)
      this.bySystem.set(system.name, this.indexSystem(system, recordedBySystem.get(system.name) ?? []));
  }

  /**
   * The series info for `name` as seen from `system`, or undefined when nothing declares it.
   * Several recording rules of one name are narrowed by the selector's equality matchers on
   * their static labels; the labels of the ones left are united.
   */
  resolve(
    name: string,
    system: string | undefined,
    matchers: readonly { readonly label: string; readonly op: string; readonly value: string }[] = [],
  ): SeriesInfo | undefined {
    const own = system === undefined ? undefined : this.bySystem.get(system)?.get(name);
    const variants = system === undefined ? undefined : this.recordedVariants.get(system)?.get(name);
    if (own !== undefined && variants !== undefined && variants.length > 1) {
      // The variants the matchers leave (all when none is left), and their positions as the key of their union.
      const consistent = variants.filter(({ staticLabels }) =>
        matchers.every(
          (m) => m.op !== '=' || !Object.hasOwn(staticLabels, m.label) || staticLabels[m.label] === m.value,
        ),
      );
      const chosen = consistent.length > 0 ? consistent : variants;
      const key = chosen.length === variants.length ? '' : chosen.map((v) => variants.indexOf(v)).join(',');
      let unions = this.unions.get(variants);
      if (unions === undefined) this.unions.set(variants, (unions = new Map()));
      let united = unions.get(key);
      if (united === undefined) {
        const labels = chosen.some((v) => v.labels === undefined)
          ? undefined
          : new Set(chosen.flatMap((v) => [...(v.labels ?? [])]));
        united = { ...own, labels };
        unions.set(key, united);
      }
      return united;
    }
    if (own !== undefined) return own;
    const builtin = builtinSeries(name, this.targetLabels(system));
    if (builtin !== undefined) return builtin;
    for (const series of this.bySystem.values()) {
      const found = series.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** When `name` is an OTel instrument name, the Prometheus name it is stored under. */
  storedNameOfOtel(name: string, system: string | undefined): string | undefined {
    if (system !== undefined) {
      const own = this.otelNames.get(system)?.get(name);
      if (own !== undefined) return own;
    }
    for (const names of this.otelNames.values()) if (names.has(name)) return names.get(name);
    return undefined;
  }

  /** Every known series name of a system, for "did you mean" hints. */
  names(system: string | undefined): string[] {
    const own = system === undefined ? undefined : this.bySystem.get(system);
    return own === undefined ? [...this.bySystem.values()].flatMap((m) => [...m.keys()]) : [...own.keys()];
  }

  /**
   * Adds a recording rule as it is analyzed: only for deriving the recordings themselves (a
   * recording may read another), before the catalog every system is analysed against is made.
   */
  protected addRecorded(rule: RecordedSeries): void {
    const series = this.bySystem.get(rule.system);
    const variants = this.recordedVariants.get(rule.system);
    const system = this.systems.get(rule.system);
    if (series === undefined || variants === undefined || system === undefined) return;
    variants.set(rule.name, [...(variants.get(rule.name) ?? []), rule]);
    series.set(rule.name, recordedInfo(system, this.domains.get(rule.system)!, rule));
  }

  private readonly systems = new Map<string, System>();

  /** The system of the project with this name, as defined (its catalog sizes what it emits). */
  system(name: string): System | undefined {
    return this.systems.get(name);
  }

  /** The target labels of `system`'s catalog, or of every catalog; undefined when there is none. */
  private targetLabels(system: string | undefined): readonly string[] | undefined {
    const own = system === undefined ? undefined : this.systems.get(system);
    if (own !== undefined) return own.catalog.targetLabels ?? [];
    if (this.systems.size === 0) return undefined;
    return [...new Set([...this.systems.values()].flatMap((known) => known.catalog.targetLabels ?? []))];
  }
  /** Label domains per system, one map shared by all its series. */
  private readonly domains = new Map<string, ReadonlyMap<string, LabelDomain>>();

  private indexSystem(system: System, recorded: readonly RecordedSeries[]): Map<string, SeriesInfo> {
    this.systems.set(system.name, system);
    const series = new Map<string, SeriesInfo>();
    const otel = new Map<string, string>();
    this.otelNames.set(system.name, otel);
    const domains: ReadonlyMap<string, LabelDomain> = new Map(Object.entries(system.catalog.labels));
    this.domains.set(system.name, domains);
    for (const metric of system.catalog.metricList) {
      if (metric.otelName !== undefined) otel.set(metric.otelName, metric.name);
      const after = this.collectorLabels(system, metric);
      const labels =
        after === undefined
          ? [...metric.labels, ...TARGET_LABELS, ...system.catalog.targetLabels]
          : [...after.labels, ...TARGET_LABELS, ...after.targetLabels];
      const metricDomains =
        after === undefined || after.copiedFrom.size === 0
          ? domains
          : new Map([
              ...domains,
              ...[...after.copiedFrom].flatMap(([to, from]): [string, LabelDomain][] => {
                const domain = domains.get(from);
                return domain === undefined ? [] : [[to, domain]];
              }),
            ]);
      const add = (name: string, kind: SeriesKind, extra: readonly string[] = []): void => {
        series.set(name, {
          name,
          kind,
          origin: 'catalog',
          labels: new Set([...labels, ...extra]),
          domains: metricDomains,
          scrapeIntervalSeconds: system.catalog.scrapeIntervalSeconds,
          system: system.name,
          metric,
          at: metric.spec.at,
          ...(after === undefined || after.removed.size === 0 ? {} : { removedByCollector: after.removed }),
        });
      };
      switch (metric.kind) {
        case 'counter':
          add(metric.name, 'counter');
          break;
        case 'gauge':
        case 'updowncounter':
          add(metric.name, 'gauge');
          break;
        case 'histogram':
          add(`${metric.name}_bucket`, 'histogram_bucket', ['le']);
          add(`${metric.name}_sum`, 'histogram_sum');
          add(`${metric.name}_count`, 'histogram_count');
          break;
        case 'summary':
          add(metric.name, 'summary_quantile', ['quantile']);
          add(`${metric.name}_sum`, 'summary_sum');
          add(`${metric.name}_count`, 'summary_count');
          break;
      }
    }
    const variants = new Map<string, RecordedSeries[]>();
    this.recordedVariants.set(system.name, variants);
    for (const rule of recorded) {
      variants.set(rule.name, [...(variants.get(rule.name) ?? []), rule]);
      series.set(rule.name, recordedInfo(system, domains, rule));
    }
    return series;
  }

  /** The histogram whose family name this is (Prometheus stores only its _bucket/_sum/_count). */
  histogramFamily(name: string, system: string | undefined): Metric | undefined {
    const bucket = this.resolve(`${name}_bucket`, system);
    return bucket?.kind === 'histogram_bucket' && bucket.metric?.name === name ? bucket.metric : undefined;
  }
}

function recordedInfo(system: System, domains: ReadonlyMap<string, LabelDomain>, rule: RecordedSeries): SeriesInfo {
  return {
    name: rule.name,
    kind: 'recorded',
    origin: 'recording rule',
    labels: rule.labels,
    domains,
    scrapeIntervalSeconds: system.catalog.scrapeIntervalSeconds,
    system: system.name,
    metric: undefined,
    at: rule.at,
  };
}

/**
 * A series Prometheus or a well-known exporter makes. Per-target series (`up`, `scrape_*`) carry
 * job, instance and the target labels the catalogs declare; with no catalog to say which, any.
 */
function builtinSeries(name: string, targetLabels: readonly string[] | undefined): SeriesInfo | undefined {
  const exact = Object.hasOwn(BUILTIN_EXACT, name) ? BUILTIN_EXACT[name] : undefined;
  const prefixed = exact === undefined && BUILTIN_PREFIXES.some((prefix) => name.startsWith(prefix));
  if (exact === undefined && !prefixed) return undefined;
  const kind: SeriesKind =
    exact?.kind ?? (name.endsWith('_total') ? 'counter' : name.endsWith('_bucket') ? 'histogram_bucket' : 'unknown');
  return {
    name,
    kind,
    origin: 'builtin',
    labels:
      exact?.labels === undefined || targetLabels === undefined
        ? undefined
        : new Set([...exact.labels, ...TARGET_LABELS, ...targetLabels]),
    domains: new Map(),
    scrapeIntervalSeconds: undefined,
    system: undefined,
    metric: undefined,
    at: undefined,
  };
}
