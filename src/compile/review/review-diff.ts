import type { DiffBacktest } from '../../live/backtest-results.ts';
import type { AlertReview, DashboardReview, MetricReview, ReviewModel, SystemReview } from './review-model.ts';

/** One field of an entity that changed, as text. */
export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** An entity added, removed or changed, by its `system/name` key. */
export interface EntityChange {
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly fields: readonly FieldChange[];
}

export interface SeriesChange {
  readonly system: string;
  /** A metric's name, or undefined for the system's total. */
  readonly metric: string | undefined;
  readonly before: number;
  readonly after: number;
  readonly budget: number | undefined;
  /** What caused it: labels added or removed, domains that grew or shrank. */
  readonly causes: readonly string[];
}

/** A `combinations` cap kept while the labels it caps multiplied: it may no longer be true. */
export interface StaleCap {
  /** `system/metric`. */
  readonly key: string;
  readonly cap: number;
  /** The stored labels' product of values, before and after. */
  readonly before: number;
  readonly after: number;
  /** What grew: labels added, domains that grew. */
  readonly causes: readonly string[];
}

export interface DashboardChange extends EntityChange {
  /** The layout sketches, when the panels changed (for the HTML page). */
  readonly sketches: { readonly before: string | undefined; readonly after: string | undefined };
}

export interface ReviewDiff {
  readonly systems: readonly EntityChange[];
  readonly alerts: readonly EntityChange[];
  readonly recordings: readonly EntityChange[];
  readonly series: readonly SeriesChange[];
  /** Every change to a metric's declaration: kind, unit, labels and their domains, buckets, caps, drops. */
  readonly catalog: readonly EntityChange[];
  readonly staleCaps: readonly StaleCap[];
  readonly slos: readonly EntityChange[];
  readonly dashboards: readonly DashboardChange[];
  readonly collectors: readonly EntityChange[];
  readonly cloudwatch: readonly EntityChange[];
  readonly totalSeries: { readonly before: number; readonly after: number };
  /** With `--prometheus`: each changed alert backtested before and after on the live server. */
  readonly backtest?: DiffBacktest;
}

type Fields<T> = readonly (readonly [string, (item: T) => string])[];

const list = (items: readonly string[]): string => items.join(', ');
const record = (items: Readonly<Record<string, string>>): string =>
  Object.entries(items)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

const ALERT_FIELDS: Fields<AlertReview> = [
  ['threshold', (a) => a.threshold ?? ''],
  ['expr', (a) => a.expr],
  ['for', (a) => a.for ?? ''],
  ['severity', (a) => a.severity],
  ['labels', (a) => record(a.labels)],
  ['summary', (a) => a.summary],
  ['tests', (a) => list(a.tests)],
  ['receivers', (a) => list(a.receivers)],
  ['group', (a) => a.group],
];

/** Entities of two lists compared by key; `fields` says what is compared and how it reads. */
function compare<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  fields: Fields<T>,
): EntityChange[] {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  const changes: EntityChange[] = [];
  for (const [k, item] of now) {
    const was = old.get(k);
    if (was === undefined) {
      changes.push({
        key: k,
        kind: 'added',
        fields: fields.map(([field, read]) => ({ field, before: '', after: read(item) })).filter((f) => f.after !== ''),
      });
      continue;
    }
    const differing = fields
      .map(([field, read]) => ({ field, before: read(was), after: read(item) }))
      .filter((f) => f.before !== f.after);
    if (differing.length > 0) changes.push({ key: k, kind: 'changed', fields: differing });
  }
  for (const [k, item] of old)
    if (!now.has(k))
      changes.push({
        key: k,
        kind: 'removed',
        fields: fields
          .map(([field, read]) => ({ field, before: read(item), after: '' }))
          .filter((f) => f.before !== ''),
      });
  return changes;
}

/** Every entity of every system, keyed `system/name`. */
function each<T>(
  model: ReviewModel,
  pick: (system: SystemReview) => readonly T[],
  name: (item: T) => string,
): (T & { readonly key: string })[] {
  return model.systems.flatMap((system) =>
    pick(system).map((item) => ({ ...item, key: `${system.name}/${name(item)}` })),
  );
}

const keyOf = (item: { readonly key: string }): string => item.key;

function seriesChanges(base: ReviewModel, head: ReviewModel): SeriesChange[] {
  const out: SeriesChange[] = [];
  const oldSystems = new Map(base.systems.map((s) => [s.name, s]));
  for (const system of head.systems) {
    const was = oldSystems.get(system.name);
    if (was === undefined) continue;
    const oldMetrics = new Map(was.metrics.map((m) => [m.name, m]));
    const metricChanges: SeriesChange[] = [];
    for (const metric of system.metrics) {
      const previous = oldMetrics.get(metric.name);
      const before = previous?.series ?? 0;
      if (before === metric.series) continue;
      metricChanges.push({
        system: system.name,
        metric: metric.name,
        before,
        after: metric.series,
        budget: system.budget,
        causes: previous === undefined ? ['new metric'] : causes(previous, metric),
      });
    }
    for (const metric of was.metrics)
      if (!system.metrics.some((m) => m.name === metric.name))
        metricChanges.push({
          system: system.name,
          metric: metric.name,
          before: metric.series,
          after: 0,
          budget: system.budget,
          causes: ['metric removed'],
        });
    if (was.series !== system.series || metricChanges.length > 0)
      out.push(
        {
          system: system.name,
          metric: undefined,
          before: was.series,
          after: system.series,
          budget: system.budget,
          causes: [],
        },
        ...metricChanges,
      );
  }
  return out;
}

const METRIC_FIELDS: Fields<MetricReview> = [
  ['kind', (m) => m.kind],
  ['unit', (m) => m.unit ?? ''],
  ['labels', (m) => list(m.labels.filter((l) => !l.dropped).map((l) => `${l.name}: ${l.domain}`))],
  ['dropped labels', (m) => list(m.labels.filter((l) => l.dropped).map((l) => l.name))],
  ['buckets', (m) => list(m.buckets.map(String))],
  ['quantiles', (m) => list(m.quantiles.map(String))],
  ['combinations cap', (m) => (m.cap === undefined ? '' : String(m.cap))],
  ['budget', (m) => (m.budget === undefined ? '' : String(m.budget))],
  ['instances', (m) => (m.instances === undefined ? '' : String(m.instances))],
  ['help', (m) => m.help ?? ''],
  ['otel', (m) => m.otel ?? ''],
  ['cloudwatch', (m) => m.cloudwatch ?? ''],
];

/** Every metric of every system, keyed `system/metric`. */
const metricsOf = (model: ReviewModel) =>
  each(
    model,
    (s) => s.metrics,
    (m) => m.name,
  );

function catalogChanges(base: ReviewModel, head: ReviewModel): EntityChange[] {
  return compare(metricsOf(base), metricsOf(head), keyOf, METRIC_FIELDS);
}

function staleCaps(base: ReviewModel, head: ReviewModel): StaleCap[] {
  const old = new Map(metricsOf(base).map((m) => [m.key, m]));
  return metricsOf(head).flatMap((metric) => {
    const was = old.get(metric.key);
    if (was === undefined || metric.cap === undefined || was.cap !== metric.cap || !(metric.product > was.product))
      return [];
    return [
      { key: metric.key, cap: metric.cap, before: was.product, after: metric.product, causes: causes(was, metric) },
    ];
  });
}

/** Which labels explain a metric's new series count. */
function causes(before: MetricReview, after: MetricReview): string[] {
  const old = new Map(before.labels.map((l) => [l.name, l]));
  const out: string[] = [];
  for (const label of after.labels) {
    const was = old.get(label.name);
    if (was === undefined) out.push(`label ${label.name} added (${label.values} values)`);
    else if (was.values !== label.values) out.push(`${label.name}: ${was.values} → ${label.values} values`);
    else if (was.dropped !== label.dropped)
      out.push(`${label.name} ${label.dropped ? 'now dropped' : 'no longer dropped'}`);
  }
  for (const label of before.labels)
    if (!after.labels.some((l) => l.name === label.name)) out.push(`label ${label.name} removed`);
  return out;
}

function dashboardChanges(base: ReviewModel, head: ReviewModel): DashboardChange[] {
  const dashboards = (model: ReviewModel) =>
    each(
      model,
      (s) => s.dashboards.filter((d) => d.origin === undefined),
      (d) => d.name,
    );
  const before = new Map(dashboards(base).map((d) => [d.key, d]));
  const after = new Map(dashboards(head).map((d) => [d.key, d]));
  const out: DashboardChange[] = [];
  const sketches = (b: DashboardReview | undefined, a: DashboardReview | undefined) => ({
    before: b?.sketch,
    after: a?.sketch,
  });
  for (const [key, now] of after) {
    const was = before.get(key);
    if (was === undefined) {
      out.push({
        key,
        kind: 'added',
        fields: [{ field: 'panels', before: '', after: list(now.panels.map((p) => p.title)) }],
        sketches: sketches(undefined, now),
      });
      continue;
    }
    const fields = panelChanges(was, now);
    if (was.title !== now.title) fields.unshift({ field: 'title', before: was.title, after: now.title });
    if (fields.length > 0) out.push({ key, kind: 'changed', fields, sketches: sketches(was, now) });
  }
  for (const [key, was] of before)
    if (!after.has(key))
      out.push({
        key,
        kind: 'removed',
        fields: [{ field: 'panels', before: list(was.panels.map((p) => p.title)), after: '' }],
        sketches: sketches(was, undefined),
      });
  return out;
}

function panelChanges(before: DashboardReview, after: DashboardReview): FieldChange[] {
  const old = new Map(before.panels.map((p) => [p.title, p]));
  const fields: FieldChange[] = [];
  for (const panel of after.panels) {
    const was = old.get(panel.title);
    if (was === undefined) {
      fields.push({
        field: `panel "${panel.title}"`,
        before: '',
        after: `added (${panel.type}, ${panel.queries.join(' ; ')})`,
      });
      continue;
    }
    if (was.position !== panel.position)
      fields.push({ field: `panel "${panel.title}" position`, before: was.position, after: panel.position });
    if (was.type !== panel.type)
      fields.push({ field: `panel "${panel.title}" type`, before: was.type, after: panel.type });
    if ((was.unit ?? '') !== (panel.unit ?? ''))
      fields.push({ field: `panel "${panel.title}" unit`, before: was.unit ?? '', after: panel.unit ?? '' });
    if (was.queries.join('\n') !== panel.queries.join('\n'))
      fields.push({
        field: `panel "${panel.title}" queries`,
        before: was.queries.join(' ; '),
        after: panel.queries.join(' ; '),
      });
  }
  for (const panel of before.panels)
    if (!after.panels.some((p) => p.title === panel.title))
      fields.push({
        field: `panel "${panel.title}"`,
        before: `${panel.type}, ${panel.queries.join(' ; ')}`,
        after: 'removed',
      });
  return fields;
}

/** What changed between two review models: the base's (before) and the change's (after). */
export function diffReviews(base: ReviewModel, head: ReviewModel): ReviewDiff {
  return {
    systems: compare(base.systems, head.systems, (s) => s.name, [['description', (s) => s.description ?? '']]),
    alerts: compare(
      each(
        base,
        (s) => s.alerts,
        (a) => a.name,
      ),
      each(
        head,
        (s) => s.alerts,
        (a) => a.name,
      ),
      keyOf,
      ALERT_FIELDS,
    ),
    recordings: compare(
      each(
        base,
        (s) => s.recordings,
        (r) => r.name,
      ),
      each(
        head,
        (s) => s.recordings,
        (r) => r.name,
      ),
      keyOf,
      [['expr', (r) => r.expr]],
    ),
    series: seriesChanges(base, head),
    catalog: catalogChanges(base, head),
    staleCaps: staleCaps(base, head),
    slos: compare(
      each(
        base,
        (s) => s.slos,
        (o) => o.name,
      ),
      each(
        head,
        (s) => s.slos,
        (o) => o.name,
      ),
      keyOf,
      [
        ['objective', (o) => list(o.objectives.map((v) => `${v} %`))],
        ['period', (o) => o.period],
        ['error budget', (o) => `${list(o.budgetMinutes)} min`],
        ['tiers', (o) => list(o.tiers)],
        ['burn conditions', (o) => o.conditions.join('; ')],
      ],
    ),
    dashboards: dashboardChanges(base, head),
    collectors: compare(
      base.systems.flatMap((s) => (s.collector === undefined ? [] : [{ key: s.name, ...s.collector }])),
      head.systems.flatMap((s) => (s.collector === undefined ? [] : [{ key: s.name, ...s.collector }])),
      keyOf,
      [
        [
          'pipelines',
          (c) =>
            c.pipelines
              .map((p) => `${p.id}: ${list(p.receivers)} → ${list(p.processors)} → ${list(p.exporters)}`)
              .join('; '),
        ],
        ['drops', (c) => list(c.drops)],
      ],
    ),
    cloudwatch: compare(
      each(
        base,
        (s) => s.cloudwatch,
        (r) => r.id,
      ),
      each(
        head,
        (s) => s.cloudwatch,
        (r) => r.id,
      ),
      keyOf,
      [
        ['type', (r) => r.type],
        ['properties', (r) => r.properties],
      ],
    ),
    totalSeries: { before: base.series, after: head.series },
  };
}

export function isEmptyDiff(diff: ReviewDiff): boolean {
  return [
    diff.systems,
    diff.alerts,
    diff.recordings,
    diff.series,
    diff.catalog,
    diff.staleCaps,
    diff.slos,
    diff.dashboards,
    diff.collectors,
    diff.cloudwatch,
  ].every((changes) => changes.length === 0);
}
