import { estimateCardinality, type CardinalityEstimate, type SeriesContribution } from '../check/cardinality/estimate.ts';
import { compareText, type Finding, type SuppressedFinding } from '../check/finding.ts';
import { runChecks } from '../check/run-checks.ts';
import type { Project } from '../model/system.ts';
import { cardinalityReport } from './docs/cardinality-report.ts';
import { catalogReport } from './docs/catalog-report.ts';
import { outputReadme } from './docs/output-readme.ts';
import { suppressionsReport } from './docs/suppressions-report.ts';
import type { OutputFile } from './output-file.ts';

export interface Compilation {
  readonly files: readonly OutputFile[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly cardinality: CardinalityEstimate;
}

/**
 * The whole build as a pure function: derive, check, compile. Nothing here touches the
 * filesystem; the CLI decides whether the files are written.
 */
export function compileProject(project: Project): Compilation {
  const contributions: SeriesContribution[] = []; // recording-rule series join here as targets are added
  const cardinality = estimateCardinality(project, contributions);
  const { findings, suppressed } = runChecks({ project, cardinality });
  const compiled = [...cardinalityReport(cardinality), catalogReport(project), suppressionsReport(suppressed)];
  const files = [...compiled, outputReadme(compiled)];
  assertUniquePaths(files);
  return { files: [...files].sort((a, b) => compareText(a.path, b.path)), findings, suppressed, cardinality };
}

function assertUniquePaths(files: readonly OutputFile[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`obsgen bug: two compilers produced ${file.path}`);
    seen.add(file.path);
  }
}
