import { captureLocation, type SourceLocation } from './source-location.ts';
import { defined } from './input/definition-input.ts';
import { positional } from './input/shape.ts';

/** An exact, closed set of values; the type carries the values so matchers are checked. */
export interface OneOfDomain<V extends string = string> {
  readonly kind: 'oneOf';
  readonly values: readonly V[];
  readonly at: SourceLocation;
}

/** At most `max` distinct values, with the argument for that bound. */
export interface BoundedDomain {
  readonly kind: 'bounded';
  readonly max: number;
  readonly why: string;
  readonly at: SourceLocation;
}

/** No upper bound (ids, free text). Allowed only when the label is dropped before storage. */
export interface UnboundedDomain {
  readonly kind: 'unbounded';
  readonly why: string;
  readonly at: SourceLocation;
}

export type LabelDomain = OneOfDomain | BoundedDomain | UnboundedDomain;

export function oneOf<const V extends readonly [string, ...string[]]>(...values: V): OneOfDomain<V[number]> {
  const at = captureLocation();
  return defined({ kind: 'oneOf', values, at }, SHAPES.oneOf, values, at);
}

export function bounded(max: number, why: string): BoundedDomain {
  const at = captureLocation();
  return defined({ kind: 'bounded', max, why, at }, SHAPES.bounded, [max, why], at);
}

export function unbounded(why: string): UnboundedDomain {
  const at = captureLocation();
  return defined({ kind: 'unbounded', why, at }, SHAPES.unbounded, [why], at);
}

const SHAPES = {
  oneOf: positional('oneOf'),
  bounded: positional('bounded', 'max', 'why'),
  unbounded: positional('unbounded', 'why'),
} as const;

/** Distinct values a label can take; Infinity for unbounded labels. */
export function domainSize(domain: LabelDomain): number {
  switch (domain.kind) {
    case 'oneOf':
      return new Set(domain.values).size;
    case 'bounded':
      return domain.max;
    case 'unbounded':
      return Number.POSITIVE_INFINITY;
  }
}

/** The value type a label admits: the literal union for `oneOf`, any string otherwise. */
export type DomainValue<D> = D extends OneOfDomain<infer V> ? V : string;
