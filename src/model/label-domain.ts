import { captureLocation, type SourceLocation } from './source-location.ts';

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
  return { kind: 'oneOf', values, at: captureLocation() };
}

export function bounded(max: number, why: string): BoundedDomain {
  return { kind: 'bounded', max, why, at: captureLocation() };
}

export function unbounded(why: string): UnboundedDomain {
  return { kind: 'unbounded', why, at: captureLocation() };
}

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
