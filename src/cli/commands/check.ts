import { compareFindings, hasErrors, type Finding } from '../../finding.ts';
import { formatFindings } from '../format-findings.ts';
import type { CommonOptions } from '../common-options.ts';
import { OutputComparison } from '../output-comparison.ts';
import { exceedsWarningBudget, warningBudgetLine } from '../warning-budget.ts';
import { compileDefinitions } from './compile-definitions.ts';

/** `obsgen check`: everything build does except writing; stale output is an error finding. */
export async function checkCommand(options: CommonOptions): Promise<number> {
  const comparison = new OutputComparison(options.out);
  const compilation = await compileDefinitions(options, (files) => comparison.see(files));
  if (typeof compilation === 'number') return compilation;
  const difference = comparison.difference();
  const stale = (path: string, what: string): Finding => ({
    rule: 'build/stale-output',
    severity: 'error',
    message: `${options.out}/${path} ${what}.`,
    subject: `${options.out}/${path}`,
    at: { file: `${options.out}/${path}`, line: 1 },
    hint: 'Run npm run build and commit the result.',
  });
  // No output at all: one finding says so, not one per file the build would write.
  const neverBuilt = comparison.existingPaths.length === 0 && difference.missing.length > 0;
  const findings = [
    ...compilation.findings,
    ...(neverBuilt
      ? [
          {
            rule: 'build/stale-output' as const,
            severity: 'error' as const,
            message: `${options.out}/ does not exist yet (the build writes ${difference.missing.length} files there).`,
            subject: `${options.out}/`,
            at: { file: `${options.out}/`, line: 1 },
            hint: 'Run npm run build and commit the result.',
          },
        ]
      : [
          ...difference.changed.map((p) => stale(p, 'differs from what build writes')),
          ...difference.missing.map((p) => stale(p, 'is missing')),
          ...difference.extra.map((p) => stale(p, 'is no longer produced by any definition')),
        ]),
  ].sort(compareFindings);
  process.stdout.write(formatFindings(options.format, findings, compilation.suppressed));
  if (hasErrors(findings)) return 1;
  if (exceedsWarningBudget(findings, options.maxWarnings)) {
    process.stderr.write(`${warningBudgetLine(findings, options.maxWarnings ?? 0)}\n`);
    return 1;
  }
  return 0;
}
