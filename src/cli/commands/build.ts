import { hasErrors } from '../../check/finding.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import type { CommonOptions } from '../main.ts';
import { isSame, OutputComparison } from '../output-comparison.ts';
import { prepareStaging, swapIn, UnsafeOutputDirectoryError } from '../output-directory.ts';
import { StagingWriter } from '../staging-writer.ts';
import { compileDefinitions } from './compile-definitions.ts';

/**
 * `obsgen build`: compile, check, and replace the output directory only when there is no error.
 * Files go to a staging directory as they are compiled; it replaces the output only when the
 * checks found no error, and is removed otherwise.
 */
export async function buildCommand(options: CommonOptions): Promise<number> {
  let staging: string;
  try {
    staging = prepareStaging(options.out);
  } catch (error) {
    if (!(error instanceof UnsafeOutputDirectoryError)) throw error;
    process.stderr.write(`obsgen: ${error.message}\n`);
    return 2;
  }
  const comparison = new OutputComparison(options.out);
  let writer: StagingWriter | undefined;
  const compilation = await compileDefinitions(options, (batch) => {
    writer ??= new StagingWriter(staging);
    writer.write(batch);
    comparison.see(batch);
  });
  if (typeof compilation === 'number') {
    writer?.discard();
    return compilation;
  }
  const { findings, suppressed, paths } = compilation;
  const status = (line: string): void => {
    (options.format === 'json' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  if (options.format === 'json') process.stdout.write(findingsJson(findings));
  else process.stdout.write(findingsText(findings, suppressed));
  if (hasErrors(findings) || writer === undefined) {
    writer?.discard();
    status(`obsgen: build failed; ${options.out}/ was left as it was.`);
    return 1;
  }
  const difference = comparison.difference();
  if (isSame(difference)) {
    writer.discard();
    status(`${options.out}/ is up to date (${paths.length} files).`);
    return 0;
  }
  swapIn(options.out, staging);
  status(`wrote ${options.out}/: ${paths.length} files (${difference.missing.length} new, ${difference.changed.length} changed, ${difference.extra.length} removed).`);
  return 0;
}
