import type { SourceLocation } from '../model/source-location.ts';

/** One generated file: a path relative to the output directory (always `/`) and its text. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
  /** The definition the file is made from, where it is one: what a path finding points at. */
  readonly origin?: OutputOrigin;
}

export interface OutputOrigin {
  readonly name: string;
  readonly at: SourceLocation;
}

/** Canonical JSON for generated files: 2-space indent, trailing newline. */
export function jsonFile(path: string, value: unknown): OutputFile {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}
