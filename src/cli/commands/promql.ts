import { hasErrors, textSpan, type Finding } from '../../finding.ts';
import { analyzePromql } from '../../promql/analyze.ts';
import { SeriesCatalog } from '../../promql/series-catalog.ts';
import { collectorLabelsOf } from '../../otel/collector-label-edits.ts';
import { expandGrafanaVariables } from '../../grafana/variable-expansion.ts';
import { findingsJson, summaryLine } from '../format-findings.ts';
import { sourceExcerpt } from '../source-excerpt.ts';
import { DefinitionsLoadError, loadDefinitions } from '../load-definitions.ts';
import type { CommonOptions } from '../common-options.ts';

/** `obsgen promql '<expr>'`: one expression against the project's catalogs. */
export async function promqlCommand(options: CommonOptions): Promise<number> {
  const written = options.positionals[0] ?? '';
  // A query copied from a dashboard: Grafana's variables expand as Grafana would send them.
  const source = expandGrafanaVariables(written, new Map());
  let catalog: SeriesCatalog;
  try {
    const project = await loadDefinitions(options.definitions);
    if (options.system !== undefined && !project.systems.some((s) => s.name === options.system)) {
      process.stderr.write(
        `obsgen: no system named ${options.system}; systems: ${project.systems.map((s) => s.name).join(', ')}\n`,
      );
      return 2;
    }
    catalog = new SeriesCatalog(project, [], collectorLabelsOf(project));
  } catch (error) {
    if (!(error instanceof DefinitionsLoadError)) throw error;
    process.stderr.write(
      `${error.at.file}:${error.at.line}  error  definitions/load\n  ${error.message}\n  hint: ${error.hint}\n`,
    );
    return 2;
  }
  const analysis = analyzePromql(source, { catalog, system: options.system });
  const findings: Finding[] = analysis.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message:
      f.rule === 'promql/syntax' || f.span === undefined
        ? f.message
        : `${f.message} (at character ${f.span.start + 1})`,
    ...(f.span === undefined ? {} : { source: { text: source, span: textSpan(source, f.span.start, f.span.end) } }),
    subject: options.system === undefined ? 'promql' : `${options.system}/promql`,
    at: { file: '<expression>', line: f.span === undefined ? 1 : source.slice(0, f.span.start).split('\n').length },
    hint: f.hint,
  }));
  if (options.format === 'json') {
    process.stdout.write(findingsJson(findings));
  } else {
    const lines: string[] = source === written ? [] : [`as Grafana sends it: ${source}`];
    for (const f of findings) {
      lines.push(`${f.severity}  ${f.rule}  ${f.message}`);
      if (f.source !== undefined) lines.push(...sourceExcerpt(f.source));
      lines.push(`  hint: ${f.hint}`, '');
    }
    if (analysis.type !== undefined)
      lines.push(
        `${analysis.type}${analysis.labels.known === undefined ? '' : ` with labels {${[...analysis.labels.known].sort().join(', ')}}`}`,
      );
    lines.push(summaryLine(findings, []));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return hasErrors(findings) ? 1 : 0;
}
