import { compileProjectInto, type CompilationSummary } from '../../pipeline/build-project.ts';
import type { OutputFile } from '../../compile/output-file.ts';
import type { Project } from '../../model/system.ts';
import { formatFindings } from '../format-findings.ts';
import { DefinitionsLoadError, loadDefinitions, thrownByDefinitions } from '../load-definitions.ts';
import type { CommonOptions } from '../common-options.ts';

/**
 * Loads and compiles, giving each compiled file to `sink` as it is produced; on a load error
 * prints it (in the chosen format) and returns exit code 2.
 */
export async function compileDefinitions(
  options: CommonOptions,
  sink: (files: readonly OutputFile[]) => void,
): Promise<(CompilationSummary & { readonly project: Project }) | number> {
  try {
    const project = await loadDefinitions(options.definitions);
    try {
      // The review pages are written; no command that writes or checks files reads the model.
      return { ...compileProjectInto(project, sink, { keepReview: false }), project };
    } catch (error) {
      throw thrownByDefinitions(error) ?? error;
    }
  } catch (error) {
    if (!(error instanceof DefinitionsLoadError)) throw error;
    if (options.format !== 'text') {
      process.stdout.write(
        formatFindings(options.format, [
          {
            rule: 'definitions/load',
            severity: 'error',
            message: error.message,
            subject: options.definitions,
            at: error.at,
            hint: error.hint,
          },
        ]),
      );
    } else {
      process.stderr.write(
        `${error.at.file}:${error.at.line}  error  definitions/load  ${options.definitions}\n  ${error.message}\n  hint: ${error.hint}\n\nobsgen: definitions failed to load; nothing was written.\n`,
      );
    }
    return 2;
  }
}
