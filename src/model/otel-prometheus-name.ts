import { OTEL_UNIT_WORDS } from './unit.ts';

const PER_UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

export type OtelInstrumentKind = 'counter' | 'updowncounter' | 'gauge' | 'histogram' | 'summary';

/**
 * The series name the OpenTelemetry Prometheus exporter (and the collector's `prometheus` /
 * `prometheusremotewrite` exporters) stores for an instrument: non-alphanumeric runs become `_`,
 * the unit word is appended unless the name already has it, gauges with unit `1` get `_ratio`,
 * and monotonic counters end in `_total`.
 */
export function prometheusNameForOtel(otelName: string, kind: OtelInstrumentKind, otelUnit?: string): string {
  const tokens = otelName.split(/[^A-Za-z0-9]+/).filter((token) => token.length > 0);
  if (kind === 'counter') removeToken(tokens, 'total');
  const unit = unitWords(otelUnit);
  if (unit.main !== undefined && !tokens.includes(unit.main)) tokens.push(unit.main);
  if (unit.per !== undefined && !tokens.includes(unit.per)) tokens.push('per', unit.per);
  if (otelUnit === '1' && kind === 'gauge') {
    removeToken(tokens, 'ratio');
    tokens.push('ratio');
  }
  if (kind === 'counter') tokens.push('total');
  let name = tokens.join('_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name;
}

/** `{annotations}` are dropped; `X/Y` becomes `X_per_Y`; unknown units are kept as written. */
function unitWords(otelUnit: string | undefined): { main?: string; per?: string } {
  if (otelUnit === undefined) return {};
  const plain = otelUnit.replace(/\{[^}]*\}/g, '').trim();
  if (plain === '' || plain === '1') return {};
  const [main = '', per = ''] = plain.split('/', 2);
  const clean = (word: string): string | undefined =>
    word.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || undefined;
  return {
    main: main === '' || main === '1' ? undefined : clean(OTEL_UNIT_WORDS[main] ?? main),
    per: per === '' ? undefined : clean(PER_UNIT_WORDS[per] ?? OTEL_UNIT_WORDS[per] ?? per),
  };
}

function removeToken(tokens: string[], token: string): void {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i] === token) tokens.splice(i, 1);
}
