import { hasErrors } from '../../check/finding.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import type { CommonOptions } from '../main.ts';
import { diffTree, isSame, readTree, replaceTree, UnsafeOutputDirectoryError } from '../output-directory.ts';
import { compileDefinitions } from './compile-definitions.ts';

/** `obsgen build`: compile, check, and replace the output directory only when there is no error. */
export async function buildCommand(options: CommonOptions): Promise<number> {
  const compilation = await compileDefinitions(options);
  if (typeof compilation === 'number') return compilation;
  const { findings, suppressed, files } = compilation;
  const status = (line: string): void => {
    (options.format === 'json' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  if (options.format === 'json') process.stdout.write(findingsJson(findings));
  else process.stdout.write(findingsText(findings, suppressed));
  if (hasErrors(findings)) {
    status(`obsgen: build failed; ${options.out}/ was left as it was.`);
    return 1;
  }
  const difference = diffTree(files, readTree(options.out));
  if (isSame(difference)) {
    status(`${options.out}/ is up to date (${files.length} files).`);
    return 0;
  }
  try {
    replaceTree(options.out, files);
  } catch (error) {
    if (!(error instanceof UnsafeOutputDirectoryError)) throw error;
    process.stderr.write(`obsgen: ${error.message}\n`);
    return 2;
  }
  status(`wrote ${options.out}/: ${files.length} files (${difference.missing.length} new, ${difference.changed.length} changed, ${difference.extra.length} removed).`);
  return 0;
}
