import type { Finding } from '../finding.ts';
import type { Metric } from '../model/catalog.ts';
import { DEFAULT_BUCKETS } from '../model/metric-spec.ts';
import type { Slo } from '../model/slo.ts';
import type { System } from '../model/system.ts';
import { subjectOf } from '../subject.ts';
import {
  familySeriesNames,
  ownLabels,
  PROMETHEUS_OWN_SERIES,
  type LiveMetric,
  type LiveSnapshot,
} from './live-snapshot.ts';

/** What verify measured for one system: its declared families, its targets' names, its recordings' series. */
export interface SystemMeasurement {
  readonly system: System;
  /** One per catalog metric, by the metric's name. */
  readonly declared: ReadonlyMap<string, LiveMetric>;
  /** Series names the system's targets carry (`--match`, or job="<system>"); undefined when none was found. */
  readonly targetNames: readonly string[] | undefined;
  /** Series per recording rule output, by record name. */
  readonly recordings: ReadonlyMap<string, number>;
  /** Each SLO that records its SLI, its Sloth id and the series of its 5m error ratio. */
  readonly slos: readonly { readonly slo: Slo; readonly id: string; readonly series: number }[];
  readonly snapshot: Pick<LiveSnapshot, 'windowSeconds' | 'valuesCap'>;
}

/** The kind Prometheus' metadata would report for a declared kind. */
const EXPOSED_KIND = {
  counter: 'counter',
  gauge: 'gauge',
  updowncounter: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
} as const;

/**
 * A system's catalog held against what its Prometheus holds: every difference a finding at the
 * declaration that is now wrong (the metric, the label's domain, the recording rule), with what
 * was measured. Pure: the measurement is made by the caller.
 */
export function compareCatalog(measured: SystemMeasurement): Finding[] {
  const { system, declared } = measured;
  const catalog = system.catalog;
  const window = `the last ${formatWindow(measured.snapshot.windowSeconds)}`;
  const findings: Finding[] = [];
  const push: Push = (rule, severity, subject, at, message, hint) => {
    findings.push({ rule, severity, subject, at, message, hint });
  };
  let total = 0;
  for (const metric of catalog.metricList) {
    const live = declared.get(metric.name);
    const subject = subjectOf.metric(metric);
    if (live === undefined || live.series === 0) {
      push(
        'verify/missing-metric',
        'error',
        subject,
        metric.spec.at,
        `${metric.name} is declared, but Prometheus has no series of it in ${window}.`,
        'Check the name against what the service exposes (a rename, an OTel translation suffix), or remove the declaration.',
      );
      continue;
    }
    total += live.series;
    compareKind(metric, live, push, subject);
    const own = ownLabels(live.labels.keys(), catalog.targetLabels);
    for (const label of own)
      if (!metric.labels.includes(label))
        push(
          'verify/undeclared-label',
          'error',
          subject,
          metric.spec.at,
          `${metric.name}'s series carry the label ${label} (${count(live.labels.get(label)!.distinct, 'value')}), which it does not declare.`,
          `Declare ${label} (with its domain) on ${metric.key}, or drop it at the collector: every check and estimate assumes it is not there.`,
        );
    for (const label of metric.labels)
      if (!own.includes(label))
        push(
          'verify/absent-label',
          'warning',
          subject,
          metric.spec.at,
          `${metric.name} declares the label ${label}, but none of its series carries it in ${window}.`,
          `Remove ${label} from ${metric.key}'s labels, or check that the service sets it.`,
        );
    compareDomains(catalog, metric, live, push);
    compareBuckets(metric, live, push, subject);
    const budget = metric.spec.budget ?? catalog.metricBudget;
    if (budget !== undefined && live.series > budget)
      push(
        'verify/over-bound',
        'error',
        subject,
        metric.spec.at,
        `${metric.name} has ${live.series} series, above its budget of ${budget}.`,
        'Find the label that grew (obsgen verify lists their values), bound it or raise the budget.',
      );
    const cap = metric.spec.combinations;
    if (cap !== undefined && live.combinations > cap.max)
      push(
        'verify/over-bound',
        'error',
        subject,
        metric.spec.at,
        `${metric.name} has ${live.combinations} label combinations, above its cap of ${cap.max} (${cap.why}).`,
        'Update the cap to what production shows, or find what multiplied the combinations.',
      );
  }
  if (catalog.seriesBudget !== undefined && total > catalog.seriesBudget)
    push(
      'verify/over-bound',
      'error',
      subjectOf.catalog(system.name),
      catalog.at,
      `${system.name}'s metrics have ${total} series, above the system's budget of ${catalog.seriesBudget}.`,
      'Bound the labels that grew, or raise seriesBudget with the cost it means.',
    );
  const declaredNames = new Set(catalog.metricList.flatMap((metric) => familySeriesNames(metric.name, metric.kind)));
  const undeclared = (measured.targetNames ?? []).filter(
    (name) => !declaredNames.has(name) && !PROMETHEUS_OWN_SERIES.has(name) && !name.includes(':'),
  );
  for (const name of undeclared)
    push(
      'verify/undeclared-metric',
      'warning',
      subjectOf.catalog(system.name),
      catalog.at,
      `The system's targets expose ${name}, which its catalog does not declare.`,
      'Declare it (obsgen import catalog --match writes the declaration from production), or stop exposing it.',
    );
  for (const group of system.ruleGroups)
    for (const rule of group.rules) {
      if (rule.kind !== 'record' || (measured.recordings.get(rule.name) ?? 0) > 0) continue;
      push(
        'verify/recording-missing',
        'error',
        subjectOf.rule(system.name, rule),
        rule.at,
        `The recording rule ${rule.name} has no series in ${window}: its rules are not loaded, or it records nothing.`,
        'Load the generated rule files into Prometheus (or the ruler); dashboards and alerts reading it see nothing until then.',
      );
    }
  for (const { slo, id, series } of measured.slos) {
    if (series > 0) continue;
    push(
      'verify/recording-missing',
      'error',
      subjectOf.slo(system.name, slo.name),
      slo.at,
      `The SLO ${slo.name} records nothing: slo:sli_error:ratio_rate5m{sloth_id="${id}"} has no series in ${window}, so its burn-rate alerts and dashboards see nothing.`,
      "Load the SLO's generated rule file into Prometheus (or the ruler), and check that its SLI's series exist.",
    );
  }
  return findings;
}

type Push = (
  rule: Finding['rule'],
  severity: Finding['severity'],
  subject: string,
  at: Finding['at'],
  message: string,
  hint: string,
) => void;

function compareKind(metric: Metric, live: LiveMetric, push: Push, subject: string): void {
  if (live.kind === undefined || live.kind === 'unknown' || live.kind === EXPOSED_KIND[metric.kind]) return;
  push(
    'verify/type',
    'error',
    subject,
    metric.spec.at,
    `${metric.name} is declared a ${metric.kind}, but Prometheus' metadata says ${live.kind}.`,
    `Declare it as ${live.kind}: rate() and histogram checks follow the declared type.`,
  );
}

function compareDomains(catalog: System['catalog'], metric: Metric, live: LiveMetric, push: Push): void {
  for (const label of metric.labels) {
    const domain = catalog.labels[label];
    const measured = live.labels.get(label);
    if (domain === undefined || measured === undefined) continue;
    const subject = subjectOf.label(metric.system, label);
    if (domain.kind === 'oneOf') {
      const listed: readonly string[] = domain.values;
      const outside = measured.values?.filter((value) => !listed.includes(value)) ?? [];
      if (outside.length > 0 || (measured.values === undefined && measured.distinct > listed.length))
        push(
          'verify/label-value',
          'error',
          subject,
          domain.at,
          outside.length > 0
            ? `${metric.name}'s series have ${label} = ${outside.map((v) => JSON.stringify(v)).join(', ')}, outside its oneOf (${listed.join(', ')}).`
            : `${metric.name}'s series have ${measured.distinct} values of ${label}; its oneOf lists ${listed.length}.`,
          'Add the values the service really emits, or fix the service: queries and alerts were checked against the listed ones.',
        );
    } else if (domain.kind === 'bounded' && measured.distinct > domain.max) {
      push(
        'verify/over-bound',
        'error',
        subject,
        domain.at,
        `${label} has ${measured.distinct} values on ${metric.name}, above its bound of ${domain.max} (${domain.why}).`,
        `Raise the bound to what production shows (the cardinality estimate follows it), or find what makes ${label} grow.`,
      );
    }
  }
}

function compareBuckets(metric: Metric, live: LiveMetric, push: Push, subject: string): void {
  if (metric.kind !== 'histogram') return;
  const bounds = live.labels.get('le')?.values;
  if (bounds === undefined) return;
  const measured = bounds
    .filter((le) => le !== '+Inf')
    .map(Number)
    .sort((a, b) => a - b);
  // A histogram declared without buckets is exposed with the client libraries' defaults.
  const declared = [...(metric.spec.buckets ?? DEFAULT_BUCKETS)].sort((a, b) => a - b);
  if (measured.length === declared.length && measured.every((b, i) => b === declared[i])) return;
  push(
    'verify/buckets',
    'error',
    subject,
    metric.spec.at,
    `${metric.name}'s buckets in Prometheus are [${measured.join(', ')}], the catalog declares [${declared.join(', ')}].`,
    'Declare the buckets the service uses: SLO thresholds and heatmaps are checked against them.',
  );
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function formatWindow(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
