// compareCatalog on hand-made measurements: the branches the live Prometheus test does not reach
// (types, caps and budgets, values beyond what was fetched, absent labels).
import { describe, expect, it } from 'vitest';
import { rewriteBound } from '../src/live/bound-updates.ts';
import { compareCatalog } from '../src/live/compare-catalog.ts';
import type { LiveLabel, LiveMetric } from '../src/live/live-snapshot.ts';
import { catalog, counter, gauge, histogram, oneOf, bounded, system, upDownCounter } from '../src/index.ts';

const shop = catalog('shop', {
  scrapeInterval: '15s',
  instances: 1,
  seriesBudget: 100,
  labels: { code: oneOf('200', '500'), route: bounded(50, 'routes') },
  metrics: {
    requests_total: counter({
      help: 'Requests.',
      labels: ['code', 'route'],
      combinations: { max: 20, why: 'few routes fail' },
      budget: 60,
    }),
    latency_seconds: histogram({ help: 'Latency.', unit: 'seconds', labels: [], buckets: [0.1, 0.5] }),
    in_flight: upDownCounter({ help: 'In flight.', labels: [] }),
    temperature_celsius: gauge({ help: 'Temperature.', unit: 'celsius', labels: ['code'] }),
  },
});
const shopSystem = system({ catalog: shop });

const label = (values: readonly string[] | undefined, distinct = values?.length ?? 0): LiveLabel => ({
  distinct,
  values,
});
const live = (
  name: string,
  kind: LiveMetric['kind'],
  series: number,
  labels: Record<string, LiveLabel>,
  combinations = series,
): LiveMetric => ({
  name,
  kind,
  help: undefined,
  unit: undefined,
  series,
  combinations,
  labels: new Map(Object.entries(labels)),
});
const buckets = ['0.1', '0.5', '+Inf'];

function findings(metrics: readonly LiveMetric[]): string[] {
  return compareCatalog({
    system: shopSystem,
    declared: new Map(metrics.map((m) => [m.name, m])),
    targetNames: undefined,
    recordings: new Map(),
    slos: [],
    snapshot: { windowSeconds: 3600, valuesCap: 200 },
  }).map((f) => `${f.severity} ${f.rule} ${f.subject}`);
}

describe('compareCatalog', () => {
  const healthy = [
    live('requests_total', 'counter', 40, { code: label(['200', '500']), route: label(undefined, 20) }, 20),
    live('latency_seconds', 'histogram', 13, { le: label(buckets) }),
    live('in_flight', 'gauge', 1, {}),
    live('temperature_celsius', 'gauge', 2, { code: label(['200', '500']) }),
  ];

  it('finds nothing when production matches (an up-down counter is exposed as a gauge)', () => {
    expect(findings(healthy)).toEqual([]);
  });

  it('a type the metadata contradicts, caps and budgets exceeded, a value beyond the fetched ones, an absent label', () => {
    expect(
      findings([
        live('requests_total', 'counter', 61, { code: label(undefined, 3), route: label(undefined, 51) }, 21),
        live('latency_seconds', 'summary', 13, { le: label(buckets) }),
        live('in_flight', 'gauge', 1, {}),
        live('temperature_celsius', 'gauge', 40, {}),
      ]).sort(),
    ).toEqual(
      [
        'error verify/label-value shop/label/code',
        'error verify/over-bound shop/label/route',
        'error verify/over-bound shop/metric/requests_total',
        'error verify/over-bound shop/metric/requests_total',
        'error verify/over-bound shop/catalog',
        'error verify/type shop/metric/latency_seconds',
        'warning verify/absent-label shop/metric/temperature_celsius',
      ].sort(),
    );
  });
});

describe('rewriteBound', () => {
  it('changes the one bounded(<from> on the line, and refuses a line with none or two', () => {
    const source = "labels: {\n  route: bounded(10, 'routes'),\n  a: bounded(10, 'x'), b: bounded(10, 'y'),\n}";
    expect(rewriteBound(source, { line: 2, from: 10, to: 200 })).toBe(
      source.replace("bounded(10, 'routes')", "bounded(200, 'routes')"),
    );
    expect(rewriteBound(source, { line: 3, from: 10, to: 200 })).toBeUndefined();
    expect(rewriteBound(source, { line: 1, from: 10, to: 200 })).toBeUndefined();
    expect(rewriteBound(source, { line: 2, from: 1, to: 200 })).toBeUndefined();
  });
});
