import type { SourceLocation } from '../source-location.ts';
import type { InputShape } from './shape.ts';

/** What a user passed to a public constructor, kept on its result for the validation stage. */
export interface DefinitionInput {
  readonly shape: InputShape;
  readonly args: readonly unknown[];
  readonly at: SourceLocation;
}

// A symbol, not a key: results keep their enumerable keys, so they serialise and compare as before.
const INPUT = Symbol.for('obsgen.definition-input');

/** Marks `made` as built by a constructor from `args`; returns it. */
export function defined<T extends object>(made: T, shape: InputShape, args: readonly unknown[], at: SourceLocation): T {
  const input: DefinitionInput = { shape, args, at };
  Object.defineProperty(made, INPUT, { value: input, enumerable: false });
  return made;
}

/** The input a constructor's result was built from; undefined for objects no constructor made. */
export function definitionInputOf(value: object): DefinitionInput | undefined {
  return (value as { readonly [INPUT]?: DefinitionInput })[INPUT];
}
