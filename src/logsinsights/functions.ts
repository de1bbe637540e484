/** Value types Logs Insights distinguishes for field analysis; `unknown` never produces a finding. */
export type LogValueType = 'string' | 'number' | 'boolean' | 'timestamp' | 'unknown';

export interface LogsFunction {
  /** The spelling the AWS documentation uses; calls match it case-insensitively. */
  readonly name: string;
  /** Aggregations are allowed only in `stats`. */
  readonly aggregate: boolean;
  readonly returns: LogValueType;
  /** Argument positions that must be numbers (field-type checks them). */
  readonly numericArgs?: readonly number[];
  readonly minArgs: number;
  readonly maxArgs: number;
}

const f = (
  name: string,
  aggregate: boolean,
  returns: LogValueType,
  minArgs: number,
  maxArgs: number,
  numericArgs?: readonly number[],
): LogsFunction => ({
  name,
  aggregate,
  returns,
  minArgs,
  maxArgs,
  ...(numericArgs === undefined ? {} : { numericArgs }),
});
const MANY = Number.POSITIVE_INFINITY;

/** The functions of the Logs Insights query language (CWL_QuerySyntax-operations-functions and stats). */
const FUNCTIONS: readonly LogsFunction[] = [
  // Aggregations (stats).
  f('avg', true, 'number', 1, 1, [0]),
  f('count', true, 'number', 0, 1),
  f('count_distinct', true, 'number', 1, 1),
  f('max', true, 'unknown', 1, 1),
  f('min', true, 'unknown', 1, 1),
  f('pct', true, 'number', 2, 2, [0, 1]),
  // Not in the reference table but accepted by the service and used by AWS' own samples.
  f('percentile', true, 'number', 2, 2, [0, 1]),
  f('stddev', true, 'number', 1, 1, [0]),
  f('sum', true, 'number', 1, 1, [0]),
  f('earliest', true, 'unknown', 1, 1),
  f('latest', true, 'unknown', 1, 1),
  f('sortsFirst', true, 'unknown', 1, 1),
  f('sortsLast', true, 'unknown', 1, 1),
  // Numeric.
  f('abs', false, 'number', 1, 1, [0]),
  f('ceil', false, 'number', 1, 1, [0]),
  f('floor', false, 'number', 1, 1, [0]),
  f('greatest', false, 'number', 1, MANY),
  f('least', false, 'number', 1, MANY),
  f('log', false, 'number', 1, 1, [0]),
  f('sqrt', false, 'number', 1, 1, [0]),
  // Date and time.
  f('bin', false, 'timestamp', 1, 1),
  f('datefloor', false, 'timestamp', 2, 2),
  f('dateceil', false, 'timestamp', 2, 2),
  f('fromMillis', false, 'timestamp', 1, 1, [0]),
  f('toMillis', false, 'number', 1, 1),
  f('now', false, 'timestamp', 0, 0),
  // Strings.
  f('isempty', false, 'boolean', 1, 1),
  f('isblank', false, 'boolean', 1, 1),
  f('concat', false, 'string', 1, MANY),
  f('ltrim', false, 'string', 1, 2),
  f('rtrim', false, 'string', 1, 2),
  f('trim', false, 'string', 1, 2),
  f('strlen', false, 'number', 1, 1),
  f('toupper', false, 'string', 1, 1),
  f('tolower', false, 'string', 1, 1),
  f('substr', false, 'string', 2, 3, [1, 2]),
  f('replace', false, 'string', 3, 3),
  f('strcontains', false, 'number', 2, 2),
  // General.
  f('ispresent', false, 'boolean', 1, 1),
  f('coalesce', false, 'unknown', 1, MANY),
  // IP addresses.
  f('isValidIp', false, 'boolean', 1, 1),
  f('isValidIpV4', false, 'boolean', 1, 1),
  f('isValidIpV6', false, 'boolean', 1, 1),
  f('isIpInSubnet', false, 'boolean', 2, 2),
  f('isIpv4InSubnet', false, 'boolean', 2, 2),
  f('isIpv6InSubnet', false, 'boolean', 2, 2),
  // JSON.
  f('jsonParse', false, 'unknown', 1, 1),
  f('jsonStringify', false, 'string', 1, 1),
];

const BY_NAME = new Map(FUNCTIONS.map((fn) => [fn.name.toLowerCase(), fn]));

export function logsFunction(name: string): LogsFunction | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function logsFunctionNames(): readonly string[] {
  return FUNCTIONS.map((fn) => fn.name);
}

/**
 * bin() units as the stats reference lists them; multi-letter units also take a plural `s`.
 * Values are seconds, for ordering and period checks.
 */
export const BIN_UNITS: ReadonlyMap<string, number> = (() => {
  const units: [string[], number][] = [
    [['ms', 'msec', 'millisecond'], 0.001],
    [['s', 'sec', 'second'], 1],
    [['m', 'min', 'minute'], 60],
    [['h', 'hr', 'hour'], 3600],
    [['d', 'day'], 86400],
    [['w', 'week'], 604800],
    [['mo', 'mon', 'month'], 2592000],
    [['q', 'qtr', 'quarter'], 7776000],
    [['y', 'yr', 'year'], 31536000],
  ];
  const map = new Map<string, number>();
  for (const [names, seconds] of units) {
    for (const name of names) {
      map.set(name, seconds);
      if (name.length > 1) map.set(`${name}s`, seconds);
    }
  }
  return map;
})();
