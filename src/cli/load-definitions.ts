import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireCommonJs } from '../commonjs-packages.ts';
import { isProject, type Project } from '../model/system.ts';
import { relativeToCwd, userFrameInStack, type SourceLocation } from '../model/source-location.ts';

/** Dynamic `import()` as the host module does it (see bin/obsgen.mjs). */
export type ImportModule = (specifier: string) => Promise<unknown>;

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
export async function loadDefinitions(file: string, importModule: ImportModule): Promise<Project> {
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
    module = await importDefinitions(absolute, importModule);
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
  return module.default;
}

const loadCommonJs = createRequire(import.meta.url);
let esmLoaderRegistered = false;

/**
 * Loads `.ts` (or `.js`) definitions whatever the consumer's package.json `"type"` says. tsx's
 * CommonJS hook compiles ESM syntax too, so one `require` serves both and costs ~20 ms to set up;
 * tsx's ESM hooks start a loader thread (~120 ms), so they are registered only for what CommonJS
 * cannot express: top-level await. Either way the definitions' `import 'obsgen'` reaches the bundle
 * this CLI runs from, so there is one instance of obsgen.
 */
async function importDefinitions(absolute: string, importModule: ImportModule): Promise<{ default?: unknown }> {
  (requireCommonJs('tsx/cjs/api') as typeof import('tsx/cjs/api')).register();
  try {
    return loadCommonJs(absolute) as { default?: unknown };
  } catch (error) {
    if (!needsEsmLoader(error)) throw error;
  }
  if (!esmLoaderRegistered) {
    // Registered from tsx's ESM build (its CommonJS build cannot locate its hooks).
    ((await importModule('tsx/esm/api')) as typeof import('tsx/esm/api')).register();
    esmLoaderRegistered = true;
  }
  return (await importModule(pathToFileURL(absolute).href)) as { default?: unknown };
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

/** esbuild refuses top-level await in CommonJS output; Node refuses to require an async ES module. */
function needsEsmLoader(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    /Top-level await is currently not supported with the "cjs" output format/.test(error.message) ||
    (error as { code?: unknown }).code === 'ERR_REQUIRE_ASYNC_MODULE'
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
  // esbuild reports syntax errors as "<file>:<line>:<col>: ERROR: <text>" in the message.
  const syntax = /(\/[^\s:]+\.[cm]?[jt]s):(\d+):\d+: ERROR: (.+)/.exec(error.message);
  if (syntax?.[1] !== undefined) {
    return new DefinitionsLoadError(
      `Syntax error: ${syntax[3] ?? error.message}`,
      { file: relativeToCwd(syntax[1]), line: Number(syntax[2]) },
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
