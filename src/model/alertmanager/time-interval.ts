import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import { inputShape, listOf, objectOf, optional, param, plain, required } from '../input/shape.ts';

/** One period of a time interval, in Alertmanager's terms (all parts optional; a missing part is "any"). */
export interface TimePeriod {
  /** `monday`, or a range `monday:friday`. */
  readonly weekdays?: readonly string[];
  /** 24-hour `HH:MM` ranges, end exclusive. */
  readonly times?: readonly { readonly start: string; readonly end: string }[];
  /** `1`, `1:15`, `-1` (the last day). */
  readonly daysOfMonth?: readonly string[];
  /** `january`, `1:3`. */
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  /** IANA time zone, e.g. `Europe/Berlin`; default UTC. */
  readonly location?: string;
}

/** A named time interval routes refer to: active during it (business hours) or muted during it (maintenance). */
export interface TimeInterval {
  readonly kind: 'time-interval';
  readonly name: string;
  readonly periods: readonly TimePeriod[];
  readonly at: SourceLocation;
}

export function timeInterval(name: string, periods: readonly TimePeriod[]): TimeInterval {
  const at = captureLocation();
  return defined({ kind: 'time-interval', name, periods, at }, SHAPE, [name, periods], at);
}

const SHAPE = inputShape('timeInterval', [
  plain('name'),
  param(
    'periods',
    listOf(
      objectOf<TimePeriod>('a time period', {
        weekdays: optional(),
        times: optional(
          listOf(objectOf<{ start: string; end: string }>('a time range', { start: required(), end: required() })),
        ),
        daysOfMonth: optional(),
        months: optional(),
        years: optional(),
        location: optional(),
      }),
    ),
  ),
]);
