import { existsSync } from 'node:fs';
import path from 'node:path';
import { requireCommonJs } from '../commonjs-packages.ts';
import { isProject, type Project } from '../model/system.ts';
import { relativeToCwd, userFrameInStack, type SourceLocation } from '../model/source-location.ts';
import { sizeYoungGeneration } from './young-generation.ts';

/** Why the definitions could not be loaded, with the user's file and line where one is known. */
export class DefinitionsLoadError extends Error {
  constructor(
    message: string,
    readonly at: SourceLocation,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Imports a definitions module and returns its default-exported project. */
export async function loadDefinitions(file: string): Promise<Project> {
  const absolute = path.resolve(file);
  const self: SourceLocation = { file: relativeToCwd(absolute), line: 1 };
  if (!existsSync(absolute)) {
    throw new DefinitionsLoadError(
      `Definitions file ${file} does not exist.`,
      self,
      'Pass --definitions <file>; the default is definitions/index.ts.',
    );
  }
  let module: { default?: unknown };
  try {
    module = await importDefinitions(absolute);
  } catch (error) {
    throw toLoadError(error, self);
  }
  if (!isProject(module.default)) {
    throw new DefinitionsLoadError(
      `${file} does not export a project as default.`,
      self,
      'End the file with: export default project({ systems: [...] });',
    );
  }
  sizeYoungGeneration(module.default.systems.length);
  return module.default;
}

/**
 * Loads `.ts` (or `.js`) definitions whatever the consumer's package.json `"type"` says, with
 * jiti: it compiles TypeScript and ES modules (top-level await too) in this process, keeping the
 * lines the user wrote, and has no install script (tsx's esbuild has one, which npm 11 warns about
 * on every install). It shares Node's module cache, so the definitions' `import 'obsgen'` reaches
 * the bundle this CLI runs from: one instance of obsgen. Its compile cache (node_modules/.cache or
 * the temporary directory) is checked against a hash of each source before it is used.
 */
async function importDefinitions(absolute: string): Promise<{ default?: unknown }> {
  const { createJiti } = requireCommonJs('jiti') as typeof import('jiti');
  const jiti = createJiti(absolute, { interopDefault: false });
  return (await jiti.import(absolute)) as { default?: unknown };
}

/**
 * An error thrown while obsgen compiled the definitions, when it was the definitions' own code
 * that threw (a callback such as an `eventsSli` window function): the user's, at their line.
 * Undefined when no frame of the stack is theirs (then it is obsgen's bug).
 */
export function thrownByDefinitions(error: unknown): DefinitionsLoadError | undefined {
  if (!(error instanceof Error)) return undefined;
  const at = userFrameInStack(`${error.name}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`);
  if (at === undefined) return undefined;
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return new DefinitionsLoadError(
    `Definitions threw ${error.name} while obsgen compiled them: ${firstLine}`,
    at,
    'A function in the definitions (a callback obsgen calls) threw; fix it.',
  );
}

function toLoadError(error: unknown, fallback: SourceLocation): DefinitionsLoadError {
  if (!(error instanceof Error))
    return new DefinitionsLoadError(
      `Definitions threw ${String(error)}.`,
      fallback,
      'Throw Error objects so the location is known.',
    );
  const stack = error.stack ?? '';
  // jiti (babel) reports syntax errors as "ParseError: <text>\n <file>:<line>:<col>".
  const syntax = /ParseError: (.+?)\s*\n\s*(\S+\.[cm]?[jt]sx?):(\d+):\d+/.exec(error.message);
  if (syntax?.[2] !== undefined) {
    return new DefinitionsLoadError(
      `Syntax error: ${syntax[1] ?? error.message}`,
      { file: relativeToCwd(syntax[2]), line: Number(syntax[3]) },
      'Fix the syntax; tsc --noEmit shows every error at once.',
    );
  }
  const at = userFrameInStack(`${error.name}\n${stack.split('\n').slice(1).join('\n')}`) ?? fallback;
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return new DefinitionsLoadError(
    `Definitions threw ${error.name}: ${firstLine}`,
    at,
    'The definitions run as code when loaded; fix the throwing statement.',
  );
}
