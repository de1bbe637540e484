import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isProject, type Project } from '../model/system.ts';
import { relativeToCwd, userFrameInStack, type SourceLocation } from '../model/source-location.ts';

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
    throw new DefinitionsLoadError(`Definitions file ${file} does not exist.`, self, 'Pass --definitions <file>; the default is definitions/index.ts.');
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    throw toLoadError(error, self);
  }
  if (!isProject(module.default)) {
    throw new DefinitionsLoadError(`${file} does not export a project as default.`, self, "End the file with: export default project({ systems: [...] });");
  }
  return module.default;
}

function toLoadError(error: unknown, fallback: SourceLocation): DefinitionsLoadError {
  if (!(error instanceof Error)) return new DefinitionsLoadError(`Definitions threw ${String(error)}.`, fallback, 'Throw Error objects so the location is known.');
  const stack = error.stack ?? '';
  // esbuild reports syntax errors as "<file>:<line>:<col>: ERROR: <text>" in the message.
  const syntax = /(\/[^\s:]+\.[cm]?[jt]s):(\d+):\d+: ERROR: (.+)/.exec(error.message);
  if (syntax?.[1] !== undefined) {
    return new DefinitionsLoadError(`Syntax error: ${syntax[3] ?? error.message}`, { file: relativeToCwd(syntax[1]), line: Number(syntax[2]) }, 'Fix the syntax; tsc --noEmit shows every error at once.');
  }
  const at = userFrameInStack(`${error.name}\n${stack.split('\n').slice(1).join('\n')}`) ?? fallback;
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return new DefinitionsLoadError(`Definitions threw ${error.name}: ${firstLine}`, at, 'The definitions run as code when loaded; fix the throwing statement.');
}
