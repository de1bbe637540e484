import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bounded, counter, gauge, histogram, oneOf, summary, unbounded } from '../src/index.ts';
import { estimateCardinality } from '../src/derive/cardinality-estimate.ts';
import { prometheusCollector } from './fixtures/prometheus-collector.ts';
import { compileCatalog, lineOf, ruleSubjects } from './support/compile.ts';

describe('series estimate', () => {
  const { cardinality } = compileCatalog(
    'estimate',
    {
      scrapeInterval: '15s',
      instances: 3,
      labels: { method: oneOf('GET', 'POST'), route: bounded(10, 'routes'), trace: unbounded('ids') },
      metrics: {
        calls_total: counter({ help: 'c', labels: ['method', 'route'] }),
        latency_seconds: histogram({ help: 'h', unit: 'seconds', labels: ['method'], buckets: [0.1, 0.5, 1] }),
        rpc_seconds: summary({ help: 's', unit: 'seconds', quantiles: [0.5, 0.9, 0.99] }),
        traced_total: counter({ help: 'd', labels: ['method', 'trace'], drop: { trace: 'collector' } }),
        correlated_total: counter({
          help: 'k',
          labels: ['method', 'route'],
          combinations: { max: 12, why: 'each route has one method' },
        }),
        single_target: gauge({ help: 'g', labels: ['route'], instances: 1 }),
      },
    },
    prometheusCollector,
  );
  const series = Object.fromEntries(cardinality.systems[0]!.metrics.map((m) => [m.metric.name, m.series]));

  it('multiplies label values, series per combination and instances', () => {
    expect(series).toEqual({
      calls_total: 2 * 10 * 3,
      latency_seconds: 2 * (3 + 1 + 2) * 3, // buckets + +Inf + _sum + _count
      rpc_seconds: (3 + 2) * 3, // quantiles + _sum + _count
      traced_total: 2 * 3, // the dropped unbounded label does not count
      correlated_total: 12 * 3, // declared combinations replace the product
      single_target: 10,
    });
    expect(cardinality.series).toBe(60 + 36 + 15 + 6 + 36 + 10);
  });

  it('adds series contributed by other targets (the recording-rule extension point)', () => {
    const project = { ...cardinality.systems[0]!.system };
    const withRules = estimateCardinality({ systems: [project] } as never, [
      {
        system: 'estimate',
        subject: 'estimate/rule/x',
        name: 'job:calls:rate5m',
        source: 'recording rule',
        series: 7,
        at: { file: 'x.ts', line: 1 },
      },
      {
        system: 'other',
        subject: 'other/rule/y',
        name: 'y',
        source: 'recording rule',
        series: 100,
        at: { file: 'y.ts', line: 1 },
      },
    ]);
    expect(withRules.systems[0]!.series).toBe(cardinality.series + 7);
  });
});

describe('cardinality/unbounded-label', () => {
  it('points at the line of the label domain and names the metric', () => {
    const { findings } = compileCatalog('leaky', {
      scrapeInterval: '15s',
      instances: 1,
      labels: {
        user_id: unbounded('one value per user'),
      },
      metrics: { logins_total: counter({ help: 'Logins.', labels: ['user_id'] }) },
    });
    const finding = findings.find((f) => f.rule === 'cardinality/unbounded-label');
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    expect(finding).toMatchObject({
      severity: 'error',
      subject: 'leaky/metric/logins_total{user_id}',
      at: { file: 'test/cardinality.test.ts', line: lineOf(source, "user_id: unbounded('one value per user')") },
    });
    expect(finding?.hint).toContain("drop: { user_id: 'collector' }");
  });

  it('is silent when the label is dropped at the collector', () => {
    const { findings } = compileCatalog(
      'dropped',
      {
        scrapeInterval: '15s',
        instances: 1,
        labels: { user_id: unbounded('one value per user') },
        metrics: { logins_total: counter({ help: 'Logins.', labels: ['user_id'], drop: { user_id: 'collector' } }) },
      },
      prometheusCollector,
    );
    expect(findings).toEqual([]);
  });
});

describe('cardinality/metric-budget', () => {
  const labels = { a: bounded(20, 'a'), b: bounded(10, 'b') };
  it('is an error above the metric budget', () => {
    const { findings } = compileCatalog('budget', {
      scrapeInterval: '15s',
      instances: 2,
      labels,
      metrics: { wide_total: counter({ help: 'w', labels: ['a', 'b'], budget: 300 }) },
    });
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['error cardinality/metric-budget']);
    expect(findings[0]?.message).toContain('400 series, over its budget of 300');
  });
  it('uses the catalog default budget', () => {
    const { findings } = compileCatalog('budget', {
      scrapeInterval: '15s',
      instances: 2,
      metricBudget: 100,
      labels,
      metrics: { wide_total: counter({ help: 'w', labels: ['a', 'b'] }) },
    });
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['error cardinality/metric-budget']);
  });
  it('warns above 100 label combinations per target, and not at 100', () => {
    const over = compileCatalog('guidance', {
      scrapeInterval: '15s',
      instances: 1,
      labels: { ...labels, c: oneOf('x', 'y') },
      metrics: { over_total: counter({ help: 'o', labels: ['a', 'b', 'c'] }) },
    });
    expect(over.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning cardinality/metric-budget']);
    const at = compileCatalog('guidance', {
      scrapeInterval: '15s',
      instances: 1,
      labels: { a: bounded(10, 'a'), b: bounded(10, 'b') },
      metrics: { at_total: counter({ help: 'o', labels: ['a', 'b'] }) },
    });
    expect(at.findings).toEqual([]);
  });
});

describe('cardinality/system-budget', () => {
  const labels = { a: bounded(50, 'a') };
  const metrics = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}_total`, counter({ help: 'm', labels: ['a'] })]));
  it('is an error over the budget and a warning above 80 % of it', () => {
    const over = compileCatalog('sys', {
      scrapeInterval: '15s',
      instances: 2,
      seriesBudget: 1000,
      labels,
      metrics: metrics(11),
    });
    expect(ruleSubjects(over.findings)).toEqual(['cardinality/system-budget sys/catalog']);
    expect(over.findings[0]).toMatchObject({ severity: 'error' });
    expect(over.findings[0]?.message).toContain('1,100 active series, 110.0% of its budget of 1,000');
    const near = compileCatalog('sys', {
      scrapeInterval: '15s',
      instances: 2,
      seriesBudget: 1000,
      labels,
      metrics: metrics(9),
    });
    expect(near.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning cardinality/system-budget']);
    const fine = compileCatalog('sys', {
      scrapeInterval: '15s',
      instances: 2,
      seriesBudget: 1000,
      labels,
      metrics: metrics(8),
    });
    expect(fine.findings).toEqual([]);
  });
});
