import type { Duration } from './duration.ts';
import type { RunbookContent } from './rule.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import { defined } from './input/definition-input.ts';
import {
  choice,
  inputShape,
  mapOf,
  objectOf,
  optional,
  param,
  plain,
  required,
  type FieldsOf,
  type Shape,
} from './input/shape.ts';
import type { CounterSource, HistogramSource } from '../promql/ast.ts';

/** Errors (or good events) over all events, both counters of the catalog. */
export interface RatioSli<L extends string = string> {
  readonly kind: 'ratio';
  readonly errors?: CounterSource<L>;
  readonly good?: CounterSource<L>;
  readonly total: CounterSource<L>;
}

/** The share of observations of a catalog histogram at or below `threshold` (a bucket bound). */
export interface LatencySli<L extends string = string> {
  readonly kind: 'latency';
  readonly histogram: HistogramSource<L>;
  /** Seconds (the histogram's unit); must be one of its bucket bounds. */
  readonly threshold: number;
}

/**
 * The escape hatch, as Sloth's `events` SLI: PromQL for bad and total events over a window,
 * written per window (`(w) => \`sum(rate(x{code=~"5.."}[${w}]))\``). Parsed and checked
 * against the catalog like every query; obsgen cannot derive test traffic for it.
 */
export interface EventsSli {
  readonly kind: 'events';
  readonly errors: (window: string) => string;
  readonly total: (window: string) => string;
}

export type Sli<L extends string = string> = RatioSli<L> | LatencySli<L> | EventsSli;

interface EventsSliSpec {
  readonly errors: (window: string) => string;
  readonly total: (window: string) => string;
}

export function eventsSli(spec: EventsSliSpec): EventsSli {
  const at = captureLocation();
  return defined({ kind: 'events', ...spec }, SHAPES.eventsSli, [spec], at);
}

type RatioSliSpec<L extends string> =
  | { readonly errors: CounterSource<L>; readonly total: CounterSource<L> }
  | { readonly good: CounterSource<L>; readonly total: CounterSource<L> };

/** errors / total, or good / total: a request-based SLI on counters. */
export function ratioSli<L extends string>(spec: RatioSliSpec<L>): RatioSli<L> {
  const at = captureLocation();
  return defined({ kind: 'ratio', ...spec }, SHAPES.ratioSli, [spec], at);
}

interface LatencySliSpec<L extends string> {
  readonly histogram: HistogramSource<L>;
  readonly threshold: number;
}

/** Requests faster than a threshold, from a histogram's buckets. */
export function latencySli<L extends string>(spec: LatencySliSpec<L>): LatencySli<L> {
  const at = captureLocation();
  return defined({ kind: 'latency', ...spec }, SHAPES.latencySli, [spec], at);
}

/** One alert tier (page or ticket): extra labels, annotations and a `for`. */
export interface SloTier {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly for?: Duration;
}

export interface SloAlerting {
  /** Alert name stem; default: the SLO name in CamelCase. */
  readonly name?: string;
  /** Fast burn (SRE workbook: 14.4× over 1h and 5m, 6× over 6h and 30m); false to disable. */
  readonly page?: SloTier | false;
  /** Slow burn (3× over 1d and 2h, 1× over 3d and 6h); false to disable. */
  readonly ticket?: SloTier | false;
  /** An alert when the SLI's total series disappear; false to disable. */
  readonly noData?: { readonly for?: Duration } | false;
  readonly runbook?: RunbookContent;
}

export interface SloSpec<L extends string = string> {
  /** Target in percent, e.g. 99.9. */
  readonly objective: number;
  /** Compliance period; default 30d. */
  readonly period?: Duration;
  readonly sli: Sli<L>;
  /** Evaluate (and alert) per value of these labels. */
  readonly by?: readonly L[];
  /** Objectives for some values of one `by` label (a oneOf label); others keep `objective`. */
  readonly objectives?: { readonly label: L; readonly values: Readonly<Record<string, number>> };
  readonly description?: string;
  /** Service name in the Sloth labels; default: the system name. */
  readonly service?: string;
  readonly alerting?: SloAlerting;
  readonly allow?: readonly Allow[];
}

export interface Slo extends SloSpec {
  readonly name: string;
  readonly at: SourceLocation;
}

/**
 * A service level objective. obsgen compiles it into Sloth-compatible recording rules,
 * multi-window multi-burn-rate alerts, a no-data alert and promtool tests for each tier.
 */
export function slo<L extends string>(name: string, spec: SloSpec<L>): Slo {
  const at = captureLocation();
  return defined({ ...(spec as SloSpec), name, at }, SHAPES.slo, [name, spec], at);
}

// `false` turns a tier off; a value that is not an object has no keys to check.
const tier: Shape = objectOf<SloTier>('an SLO alert tier', {
  labels: optional(mapOf()),
  annotations: optional(mapOf()),
  for: optional(),
});
const alertingFields: FieldsOf<SloAlerting> = {
  name: optional(),
  page: optional(tier),
  ticket: optional(tier),
  noData: optional(objectOf<{ for?: Duration }>('a no-data alert', { for: optional() })),
  runbook: optional(
    objectOf<RunbookContent>('a runbook', { impact: optional(), diagnosis: optional(), mitigation: optional() }),
  ),
};

const SHAPES = {
  eventsSli: inputShape('eventsSli', [
    param('spec', objectOf<EventsSliSpec>('an events SLI', { errors: required(), total: required() })),
  ]),
  // Either errors or good: the one written is the one checked, with total.
  ratioSli: inputShape('ratioSli', [
    param(
      'spec',
      choice((value) =>
        'good' in value
          ? objectOf<{ good: unknown; total: unknown }>('a ratio SLI', { good: required(), total: required() })
          : objectOf<{ errors: unknown; total: unknown }>('a ratio SLI', { errors: required(), total: required() }),
      ),
    ),
  ]),
  latencySli: inputShape('latencySli', [
    param('spec', objectOf<LatencySliSpec<string>>('a latency SLI', { histogram: required(), threshold: required() })),
  ]),
  slo: inputShape('slo', [
    plain('name'),
    param(
      'spec',
      objectOf<SloSpec>('an SLO', {
        objective: required(),
        period: optional(),
        sli: required(),
        by: optional(),
        objectives: optional(
          objectOf<{ label: string; values: unknown }>('per-value objectives', {
            label: required(),
            values: required(mapOf()),
          }),
        ),
        description: optional(),
        service: optional(),
        alerting: optional(objectOf<SloAlerting>('SLO alerting', alertingFields)),
        allow: ALLOW_LIST,
      }),
    ),
  ]),
} as const;
