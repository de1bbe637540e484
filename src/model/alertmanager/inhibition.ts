import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import { inputShape, mapOf, objectOf, param, positional, required } from '../input/shape.ts';
import type { AlertMatchers } from './alert-matchers.ts';

/** While an alert matching `source` fires, alerts matching `target` with the same `equal` labels are not notified. */
export interface Inhibition {
  readonly kind: 'inhibition';
  readonly source: AlertMatchers;
  readonly target: AlertMatchers;
  /** Labels source and target must share; both must carry them, or the rule silences across services. */
  readonly equal: readonly string[];
  readonly at: SourceLocation;
}

interface InhibitionSpec {
  readonly source: AlertMatchers;
  readonly target: AlertMatchers;
  readonly equal: readonly string[];
}

export function inhibit(spec: InhibitionSpec): Inhibition {
  const at = captureLocation();
  return defined({ kind: 'inhibition', ...spec, at }, SHAPE, [spec], at);
}

const SHAPE = inputShape('inhibit', [
  param(
    'spec',
    objectOf<InhibitionSpec>('an inhibition', {
      source: required(mapOf()),
      target: required(mapOf()),
      equal: required(),
    }),
  ),
]);

/**
 * One inhibition per SLO of the project: its fast burn (page) silences its slow burn and no-data
 * alerts (ticket), per group of a grouped SLO. Expanded when the project is built.
 */
export interface SloBurnInhibitions {
  readonly kind: 'slo-burn-inhibitions';
  readonly at: SourceLocation;
}

export function sloBurnInhibitions(): SloBurnInhibitions {
  const at = captureLocation();
  return defined({ kind: 'slo-burn-inhibitions', at }, positional('sloBurnInhibitions'), [], at);
}
