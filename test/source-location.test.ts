import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bounded } from '../src/index.ts';
import { lineOf } from './support/compile.ts';

const source = readFileSync(new URL(import.meta.url), 'utf8');
const here = path
  .relative(process.cwd(), new URL(import.meta.url).pathname)
  .split(path.sep)
  .join('/');

type Helper = (build: typeof bounded, depth: number, ...args: Parameters<typeof bounded>) => ReturnType<typeof bounded>;

/** A package that calls the builder it is given from `depth` frames of its own: a team's shared helpers. */
function installedHelper(): Helper {
  const directory = path.join(tmpdir(), 'node_modules', 'team-helpers');
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    path.join(directory, 'index.cjs'),
    'module.exports = function call(build, depth, ...args) { return depth === 0 ? build(...args) : call(build, depth - 1, ...args); };\n',
  );
  return createRequire(import.meta.url)(path.join(directory, 'index.cjs')) as Helper;
}

describe('where a definition was written', () => {
  it('is the line of the call in the definitions file', () => {
    const domain = bounded(10, 'routes'); // the direct call
    expect({ ...domain.at }).toEqual({ file: here, line: lineOf(source, '// the direct call') });
  });

  it('is the line that called a package of helpers, however deep the package calls the builder', () => {
    const helper = installedHelper();
    for (const depth of [0, 2, 10, 50]) {
      const domain = helper(bounded, depth, 10, 'routes'); // through helpers
      expect({ ...domain.at }, `${depth} frames deep`).toEqual({
        file: here,
        line: lineOf(source, '// through helpers'),
      });
    }
  });

  it('is the line a stack formatter someone installed writes (source maps), and leaves it and the limit in place', () => {
    const formatter = (error: Error, frames: NodeJS.CallSite[]): string =>
      [String(error), ...frames.map(() => `    at mapped (${path.resolve('definitions/mapped.ts')}:4242:7)`)].join(
        '\n',
      );
    const { prepareStackTrace, stackTraceLimit } = Error;
    Error.prepareStackTrace = formatter;
    Error.stackTraceLimit = 3;
    try {
      const domain = bounded(10, 'routes');
      expect({ ...domain.at }).toEqual({ file: 'definitions/mapped.ts', line: 4242 });
      expect(Error.prepareStackTrace).toBe(formatter);
      expect(Error.stackTraceLimit).toBe(3);
    } finally {
      Error.prepareStackTrace = prepareStackTrace;
      Error.stackTraceLimit = stackTraceLimit;
    }
  });

  it('is the frame itself when an installed formatter throws or writes no text, and the definition is still made', () => {
    const { prepareStackTrace } = Error;
    for (const formatter of [
      () => {
        throw new Error('a broken formatter');
      },
      () => ({ not: 'text' }),
    ]) {
      Error.prepareStackTrace = formatter;
      try {
        const domain = bounded(10, 'routes'); // formatter fails
        expect(domain.at.file).toBe(here);
        expect(domain.at.line).toBeGreaterThan(0);
      } finally {
        Error.prepareStackTrace = prepareStackTrace;
      }
    }
  });

  it('is a plain { file, line }: it serialises and compares as one', () => {
    const domain = bounded(10, 'routes'); // plain
    expect(JSON.parse(JSON.stringify(domain.at))).toEqual({ file: here, line: lineOf(source, '// plain') });
    expect(Object.keys(domain.at)).toEqual(['file', 'line']);
  });
});
