/**
 * Units as Prometheus names spell them (the suffix of a metric name). Base units are what the
 * Prometheus naming guidance asks for; the others are accepted so a seed can be written as it is
 * and then flagged by `naming/base-unit`.
 */
export const BASE_UNITS = [
  'seconds',
  'bytes',
  'ratio',
  'celsius',
  'meters',
  'volts',
  'amperes',
  'joules',
  'grams',
  'hertz',
  'watts',
  'dollars',
] as const;
export type BaseUnit = (typeof BASE_UNITS)[number];

/** Non-base unit → the base unit to use instead and how to convert. */
export const NON_BASE_UNITS: Readonly<Record<string, { readonly base: BaseUnit; readonly how: string }>> = {
  milliseconds: { base: 'seconds', how: 'divide by 1000' },
  ms: { base: 'seconds', how: 'divide by 1000' },
  microseconds: { base: 'seconds', how: 'divide by 1e6' },
  us: { base: 'seconds', how: 'divide by 1e6' },
  nanoseconds: { base: 'seconds', how: 'divide by 1e9' },
  ns: { base: 'seconds', how: 'divide by 1e9' },
  minutes: { base: 'seconds', how: 'multiply by 60' },
  hours: { base: 'seconds', how: 'multiply by 3600' },
  days: { base: 'seconds', how: 'multiply by 86400' },
  kilobytes: { base: 'bytes', how: 'multiply by 1000' },
  kb: { base: 'bytes', how: 'multiply by 1000' },
  kibibytes: { base: 'bytes', how: 'multiply by 1024' },
  megabytes: { base: 'bytes', how: 'multiply by 1e6' },
  mb: { base: 'bytes', how: 'multiply by 1e6 (or 2^20 if it was MiB)' },
  mebibytes: { base: 'bytes', how: 'multiply by 2^20' },
  gigabytes: { base: 'bytes', how: 'multiply by 1e9' },
  gb: { base: 'bytes', how: 'multiply by 1e9' },
  gibibytes: { base: 'bytes', how: 'multiply by 2^30' },
  percent: { base: 'ratio', how: 'divide by 100 and expose 0..1' },
  pct: { base: 'ratio', how: 'divide by 100 and expose 0..1' },
  fahrenheit: { base: 'celsius', how: 'convert to °C' },
};

export type Unit = BaseUnit | keyof typeof NON_BASE_UNITS | (string & {});

/** OpenTelemetry (UCUM) unit → the word the Prometheus translator appends. */
export const OTEL_UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '%': 'percent',
  $: 'dollars',
};

/** Prometheus unit word → OTel (UCUM) unit, for instruments declared with a Prometheus unit. */
export function otelUnitFor(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  if (unit === 'ratio') return '1';
  for (const [ucum, word] of Object.entries(OTEL_UNIT_WORDS)) if (word === unit) return ucum;
  return unit;
}
