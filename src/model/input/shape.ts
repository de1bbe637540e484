/**
 * The shape of what a user writes into a public constructor: which keys each object has and
 * which of them are required, and which take text. Values are judged by the checks that
 * understand them (durations, objectives, PromQL); a shape answers "is every key one obsgen
 * reads, is every key it needs there, is text where text goes", so a typo is never dropped in
 * silence and a wrong type never reaches a compiler.
 */
export type Shape =
  | { readonly kind: 'any' }
  | {
      readonly kind: 'object';
      readonly what: string;
      readonly fields: Readonly<Record<string, Field>>;
      /** The field names, once, for the checks of every object of this shape. */
      readonly keys: ReadonlySet<string>;
    }
  | { readonly kind: 'list'; readonly of: Shape }
  /** Keys the user chooses (label names, component ids): each value has the shape `of`. */
  | { readonly kind: 'map'; readonly of: Shape }
  /** A union: the shape that fits the value (an object or a list), chosen by what it holds (`kind`, a key). */
  | { readonly kind: 'choice'; readonly pick: (value: Readonly<Record<string, unknown>>) => Shape }
  /** Text the compilers write and the checks read as a string (a URL, a channel): anything else is refused here, not crashed on later. */
  | { readonly kind: 'text' };

export interface OptionalField {
  readonly required: false;
  readonly shape: Shape;
}

export interface RequiredField {
  readonly required: true;
  readonly shape: Shape;
}

type Field = OptionalField | RequiredField;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * Every key of `T`, each marked optional or required as `T` declares it: tsc rejects a shape
 * that misses a key of the interface, names one it lacks, or gets its optionality wrong.
 */
export type FieldsOf<T> = {
  readonly [K in keyof T]-?: K extends OptionalKeys<T> ? OptionalField : RequiredField;
};

export const ANY: Shape = { kind: 'any' };
export const TEXT: Shape = { kind: 'text' };

export function optional(shape: Shape = ANY): OptionalField {
  return { required: false, shape };
}

export function required(shape: Shape = ANY): RequiredField {
  return { required: true, shape };
}

/** An object literal of type `T`; `what` names it in findings ("an alarm", "a route"). */
export function objectOf<T>(what: string, fields: FieldsOf<T>): Shape {
  return {
    kind: 'object',
    what,
    fields: fields as Readonly<Record<string, Field>>,
    keys: new Set(Object.keys(fields)),
  };
}

export function listOf(of: Shape): Shape {
  return { kind: 'list', of };
}

export function mapOf(of: Shape = ANY): Shape {
  return { kind: 'map', of };
}

export function choice(pick: (value: Readonly<Record<string, unknown>>) => Shape): Shape {
  return { kind: 'choice', pick };
}

/** One parameter of a constructor, by the name its documentation gives it. */
export interface Parameter {
  readonly name: string;
  readonly shape: Shape;
}

/** What one public constructor accepts, parameter by parameter. */
export interface InputShape {
  /** The constructor's exported name, e.g. `cloudwatchAlarm`. */
  readonly constructor: string;
  readonly parameters: readonly Parameter[];
}

export function inputShape(constructor: string, parameters: readonly Parameter[]): InputShape {
  return { constructor, parameters };
}

/** A parameter whose value is not an object literal (a name, a number, another constructor's result). */
export function plain(name: string): Parameter {
  return { name, shape: ANY };
}

export function param(name: string, shape: Shape): Parameter {
  return { name, shape };
}

/** A constructor whose parameters are all plain values: its result is marked all the same, as made by obsgen. */
export function positional(constructor: string, ...names: readonly string[]): InputShape {
  return inputShape(constructor, names.map(plain));
}
