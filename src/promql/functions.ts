import type { ValueType } from './ast.ts';

/** A PromQL function signature as Prometheus' parser checks it. */
export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** 0: exactly `args`; n > 0: up to n trailing arguments optional; -1: the last repeats. */
  readonly variadic: number;
  readonly returns: ValueType;
}

const v = 'vector' as const;
const m = 'matrix' as const;
const s = 'scalar' as const;
const str = 'string' as const;

const fn = (args: readonly ValueType[], returns: ValueType = v, variadic = 0): FunctionSignature => ({
  args,
  variadic,
  returns,
});

/** The functions of Prometheus 2.42, the oldest version obsgen's output must load in. */
export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  abs: fn([v]),
  absent: fn([v]),
  absent_over_time: fn([m]),
  ceil: fn([v]),
  changes: fn([m]),
  clamp: fn([v, s, s]),
  clamp_max: fn([v, s]),
  clamp_min: fn([v, s]),
  day_of_month: fn([v], v, 1),
  day_of_week: fn([v], v, 1),
  day_of_year: fn([v], v, 1),
  days_in_month: fn([v], v, 1),
  hour: fn([v], v, 1),
  minute: fn([v], v, 1),
  month: fn([v], v, 1),
  year: fn([v], v, 1),
  delta: fn([m]),
  deriv: fn([m]),
  exp: fn([v]),
  floor: fn([v]),
  histogram_count: fn([v]),
  histogram_sum: fn([v]),
  histogram_fraction: fn([s, s, v]),
  histogram_quantile: fn([s, v]),
  holt_winters: fn([m, s, s]),
  idelta: fn([m]),
  increase: fn([m]),
  irate: fn([m]),
  label_replace: fn([v, str, str, str, str]),
  label_join: fn([v, str, str, str], v, -1),
  ln: fn([v]),
  log10: fn([v]),
  log2: fn([v]),
  pi: fn([], s),
  predict_linear: fn([m, s]),
  quantile_over_time: fn([s, m]),
  rate: fn([m]),
  resets: fn([m]),
  round: fn([v, s], v, 1),
  scalar: fn([v], s),
  sgn: fn([v]),
  sort: fn([v]),
  sort_desc: fn([v]),
  sqrt: fn([v]),
  time: fn([], s),
  timestamp: fn([v]),
  vector: fn([s]),
  avg_over_time: fn([m]),
  count_over_time: fn([m]),
  last_over_time: fn([m]),
  max_over_time: fn([m]),
  min_over_time: fn([m]),
  present_over_time: fn([m]),
  stddev_over_time: fn([m]),
  stdvar_over_time: fn([m]),
  sum_over_time: fn([m]),
  acos: fn([v]),
  acosh: fn([v]),
  asin: fn([v]),
  asinh: fn([v]),
  atan: fn([v]),
  atanh: fn([v]),
  cos: fn([v]),
  cosh: fn([v]),
  sin: fn([v]),
  sinh: fn([v]),
  tan: fn([v]),
  tanh: fn([v]),
  deg: fn([v]),
  rad: fn([v]),
};

/** Functions the grammar knows that Prometheus 2.42 does not, and the version that added them. */
export const NEWER_FUNCTIONS: Readonly<Record<string, string>> = {
  histogram_stddev: '2.49',
  histogram_stdvar: '2.49',
  sort_by_label: '2.49',
  sort_by_label_desc: '2.49',
  mad_over_time: '2.52',
  histogram_avg: '2.53',
  double_exponential_smoothing: '3.0',
  info: '3.0',
  first_over_time: '3.5',
  ts_of_first_over_time: '3.5',
  ts_of_last_over_time: '3.5',
  ts_of_max_over_time: '3.5',
  ts_of_min_over_time: '3.5',
  histogram_quantiles: '3.6',
  start: '3.x',
  end: '3.x',
  range: '3.x',
  step: '3.x',
};

/** Human names Prometheus uses in type errors. */
export function documentedType(type: ValueType): string {
  return type === 'vector' ? 'instant vector' : type === 'matrix' ? 'range vector' : type;
}
