import type { CardinalityEstimate, MetricEstimate, SystemEstimate } from '../../derive/cardinality-estimate.ts';
import { compareText } from '../../finding.ts';
import { jsonFile, type OutputFile } from '../output-file.ts';
import { formatCount, formatShare, markdownTable } from './markdown.ts';

/** `reports/cardinality.md` and `.json`: what a reviewer reads when a label or domain changes. */
export function cardinalityReport(estimate: CardinalityEstimate): OutputFile[] {
  const systems = sortedSystems(estimate);
  return [
    { path: 'reports/cardinality.md', content: markdown(estimate, systems) },
    jsonFile('reports/cardinality.json', json(estimate, systems)),
  ];
}

function sortedSystems(estimate: CardinalityEstimate): SystemEstimate[] {
  return [...estimate.systems].sort((a, b) => compareText(a.system.name, b.system.name));
}

function sortedMetrics(system: SystemEstimate): MetricEstimate[] {
  return [...system.metrics].sort(
    (a, b) => seriesOrder(b.series) - seriesOrder(a.series) || compareText(a.metric.name, b.metric.name),
  );
}

function seriesOrder(series: number): number {
  return Number.isFinite(series) ? series : Number.MAX_SAFE_INTEGER;
}

function markdown(estimate: CardinalityEstimate, systems: readonly SystemEstimate[]): string {
  const out: string[] = [
    '# Cardinality',
    '',
    'Estimated active series: label-value combinations × series per combination (histogram: buckets + `+Inf` + `_sum` + `_count`; summary: quantiles + 2) × scrape targets. Labels dropped at the collector do not count; recording-rule series are added per system.',
    '',
    markdownTable(
      ['system', 'series', 'budget', 'use', 'metrics'],
      [
        ...systems.map((s) => [
          s.system.name,
          formatCount(s.series),
          s.budget === undefined ? '–' : formatCount(s.budget),
          formatShare(s.series, s.budget),
          String(s.metrics.length),
        ]),
        [
          '**total**',
          `**${formatCount(estimate.series)}**`,
          '',
          '',
          String(systems.reduce((n, s) => n + s.metrics.length, 0)),
        ],
      ],
      [1, 2, 3, 4],
    ),
  ];
  for (const system of systems) {
    const catalog = system.system.catalog;
    out.push('', `## ${system.system.name}`, '');
    out.push(
      `Scrape interval ${catalog.scrapeInterval} · ${catalog.instances} instances · ${formatCount(system.series)} series${system.budget === undefined ? '' : ` of a ${formatCount(system.budget)} budget (${formatShare(system.series, system.budget)})`}.`,
    );
    if (system.unboundedMetrics.length > 0)
      out.push(
        '',
        `Unbounded, not counted in the total: ${system.unboundedMetrics.map((m) => `\`${m}\``).join(', ')}.`,
      );
    out.push(
      '',
      markdownTable(
        [
          'metric',
          'type',
          'series',
          'system share',
          'combinations',
          'per combination',
          'instances',
          'largest labels',
          'dropped',
        ],
        sortedMetrics(system).map((m) => [
          `\`${m.metric.name}\``,
          m.metric.kind,
          formatCount(m.series),
          formatShare(m.series, system.budget ?? system.series),
          `${formatCount(m.combinations)}${m.combinationsDeclared ? ' (declared)' : ''}`,
          String(m.typeFactor),
          String(m.instances),
          largestLabels(m),
          m.labels
            .filter((l) => l.dropped)
            .map((l) => l.label)
            .join(', ') || '–',
        ]),
        [2, 3, 4, 5, 6],
      ),
    );
    if (system.contributions.length > 0) {
      out.push(
        '',
        markdownTable(
          ['recorded series', 'source', 'series'],
          [...system.contributions]
            .sort((a, b) => compareText(a.name, b.name) || compareText(a.subject, b.subject))
            .map((c) => [`\`${c.name}\``, c.source, formatCount(c.series)]),
          [2],
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function largestLabels(estimate: MetricEstimate): string {
  const stored = estimate.labels
    .filter((l) => !l.dropped)
    .sort((a, b) => b.values - a.values || compareText(a.label, b.label));
  return (
    stored
      .slice(0, 3)
      .map((l) => `${l.label} ${formatCount(l.values)}`)
      .join(', ') || '–'
  );
}

function json(estimate: CardinalityEstimate, systems: readonly SystemEstimate[]): unknown {
  const count = (value: number): number | null => (Number.isFinite(value) ? value : null);
  return {
    series: estimate.series,
    systems: systems.map((s) => ({
      name: s.system.name,
      series: s.series,
      budget: s.budget ?? null,
      scrapeInterval: s.system.catalog.scrapeInterval,
      instances: s.system.catalog.instances,
      unboundedMetrics: s.unboundedMetrics,
      metrics: sortedMetrics(s).map((m) => ({
        name: m.metric.name,
        key: m.metric.key,
        kind: m.metric.kind,
        series: count(m.series),
        budget: m.budget ?? null,
        combinations: count(m.combinations),
        combinationsDeclared: m.combinationsDeclared,
        typeFactor: m.typeFactor,
        instances: m.instances,
        labels: m.labels.map((l) => ({
          label: l.label,
          domain: l.domain,
          values: count(l.values),
          dropped: l.dropped,
        })),
      })),
      contributions: s.contributions.map((c) => ({
        name: c.name,
        subject: c.subject,
        source: c.source,
        series: c.series,
      })),
    })),
  };
}
