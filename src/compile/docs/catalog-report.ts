import { compareText } from '../../finding.ts';
import { domainSize, type LabelDomain } from '../../model/label-domain.ts';
import type { Project } from '../../model/system.ts';
import type { OutputFile } from '../output-file.ts';
import { markdownTable } from './markdown.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** `reports/catalog.md`: every metric with its type, unit, names and label domains. */
export function catalogReport(project: Project): OutputFile {
  const out: string[] = ['# Metric catalog', ''];
  const systems = [...project.systems].sort((a, b) => compareText(a.name, b.name));
  for (const system of systems) {
    const catalog = system.catalog;
    const labels: Readonly<Record<string, LabelDomain>> = catalog.labels;
    out.push(`## ${system.name}`, '');
    if (system.description !== undefined) out.push(system.description, '');
    out.push(
      `Scrape interval ${catalog.scrapeInterval}, ${catalog.instances} instances${catalog.seriesBudget === undefined ? '' : `, series budget ${groupedNumber(catalog.seriesBudget)}`}.`,
      '',
    );
    const metrics = [...catalog.metricList].sort((a, b) => compareText(a.name, b.name));
    out.push(
      markdownTable(
        ['Prometheus name', 'type', 'unit', 'OTel name', 'labels', 'help'],
        metrics.map((metric) => [
          `\`${metric.name}\``,
          metric.kind === 'updowncounter' ? 'gauge (OTel UpDownCounter)' : metric.kind,
          metric.spec.unit ?? '–',
          metric.otelName === undefined ? '–' : `\`${metric.otelName}\``,
          metric.spec.labels
            .map(
              (label) =>
                `${label}${describeDomain(labels[label])}${label in metric.spec.drop ? ' dropped at collector' : ''}`,
            )
            .join('; ') || '–',
          metric.spec.help ?? '',
        ]),
      ),
      '',
    );
    out.push('| label | domain | values | why |', '|---|---|---:|---|');
    for (const [label, domain] of Object.entries(labels).sort(([a], [b]) => compareText(a, b))) {
      const why = domain.kind === 'oneOf' ? domain.values.join(', ') : domain.why;
      out.push(
        `| ${label} | ${domain.kind} | ${Number.isFinite(domainSize(domain)) ? domainSize(domain) : '∞'} | ${why.replace(/\|/g, '\\|')} |`,
      );
    }
    out.push('');
  }
  return { path: 'reports/catalog.md', content: `${out.join('\n').trimEnd()}\n` };
}

function describeDomain(domain: LabelDomain | undefined): string {
  if (domain === undefined) return ' (undeclared)';
  switch (domain.kind) {
    case 'oneOf':
      return ` (${domain.values.length})`;
    case 'bounded':
      return ` (≤${domain.max})`;
    case 'unbounded':
      return ' (unbounded)';
  }
}
