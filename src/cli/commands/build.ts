import { hasErrors } from '../../finding.ts';
import { formatFindings } from '../format-findings.ts';
import type { CommonOptions } from '../common-options.ts';
import { isSame, OutputComparison } from '../output-comparison.ts';
import { prepareStaging, swapIn, UnsafeOutputDirectoryError } from '../output-directory.ts';
import { OutputLockTimeout, withOutputLock } from '../output-lock.ts';
import { StagingWriter } from '../staging-writer.ts';
import { exceedsWarningBudget, warningBudgetLine } from '../warning-budget.ts';
import { compileDefinitions } from './compile-definitions.ts';

/**
 * `obsgen build`: compile, check, and replace the output directory only when there is no error.
 * Files go to a staging directory as they are compiled; it replaces the output only when the
 * checks found no error, and is removed otherwise. One build of an output at a time: a second
 * one waits for the first. An output that cannot be written is exit 2 with one line.
 */
export async function buildCommand(options: CommonOptions): Promise<number> {
  try {
    return await withOutputLock(
      options.out,
      () => build(options),
      (holder) => {
        process.stderr.write(`obsgen: waiting for another build (pid ${holder.pid}) writing ${options.out}/ …\n`);
      },
    );
  } catch (error) {
    if (error instanceof UnsafeOutputDirectoryError || error instanceof OutputLockTimeout) {
      process.stderr.write(`obsgen: ${error.message}\n`);
      return 2;
    }
    const cannot = fileSystemProblem(error);
    if (cannot === undefined) throw error;
    process.stderr.write(`obsgen: cannot write ${options.out}/: ${cannot}; nothing was changed.\n`);
    return 2;
  }
}

async function build(options: CommonOptions): Promise<number> {
  const staging = prepareStaging(options.out);
  const comparison = new OutputComparison(options.out);
  let writer: StagingWriter | undefined;
  // Produced exactly as they are on disk, while nothing else differs: copied into the staging
  // directory only once something does, so a build that changes nothing writes nothing.
  let unchanged: string[] = [];
  const staged = (): StagingWriter => {
    if (writer === undefined) {
      writer = new StagingWriter(staging);
      writer.copy(unchanged, options.out);
      unchanged = [];
    }
    return writer;
  };
  let produced = false;
  let writeFailure: unknown;
  try {
    const compilation = await compileDefinitions(options, (batch) => {
      // A failed write stops the writing, not the compilation: the findings are still worth reading.
      if (writeFailure !== undefined) return;
      produced = true;
      comparison.see(batch);
      try {
        if (writer === undefined && comparison.unchangedSoFar()) unchanged.push(...batch.map((file) => file.path));
        else staged().write(batch);
      } catch (error) {
        writeFailure = error;
      }
    });
    if (typeof compilation === 'number') return compilation;
    if (writeFailure !== undefined) throw writeFailure;
    writer?.finish();
    const { findings, suppressed, paths } = compilation;
    const status = (line: string): void => {
      (options.format === 'text' ? process.stdout : process.stderr).write(`${line}\n`);
    };
    process.stdout.write(formatFindings(options.format, findings, suppressed));
    if (!hasErrors(findings) && exceedsWarningBudget(findings, options.maxWarnings))
      status(warningBudgetLine(findings, options.maxWarnings ?? 0));
    if (hasErrors(findings) || exceedsWarningBudget(findings, options.maxWarnings) || !produced) {
      status(`obsgen: build failed; ${options.out}/ was left as it was.`);
      return 1;
    }
    const difference = comparison.difference();
    if (isSame(difference)) {
      status(`${options.out}/ is up to date (${paths.length} files).`);
      return 0;
    }
    // Only files to remove: the staging directory is the unchanged files alone.
    if (writer === undefined) staged().finish();
    swapIn(options.out, staging);
    writer = undefined; // swapped in: nothing left to discard
    status(
      `wrote ${options.out}/: ${paths.length} files (${difference.missing.length} new, ${difference.changed.length} changed, ${difference.extra.length} removed).`,
    );
    return 0;
  } finally {
    // Whatever ended the build (findings, a throwing definition, a bug), no staging tree stays.
    writer?.discard();
  }
}

/** A file-system error's one-line explanation, or undefined for anything else. */
function fileSystemProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  const { path, syscall } = error as NodeJS.ErrnoException;
  return `${code}${syscall === undefined ? '' : ` (${syscall}${path === undefined ? '' : ` ${path}`})`}`;
}
