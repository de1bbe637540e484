import { describe, expect, it } from 'vitest';
import { catalog, counter, gauge, histogram, oneOf, project, summary, system, type MetricSpec } from '../src/index.ts';
import { compileProject } from '../src/pipeline/build-project.ts';
import { compileCatalog, ruleSubjects } from './support/compile.ts';

const base = { scrapeInterval: '15s', instances: 1 } as const;

describe('catalog/invalid', () => {
  it('reports every shape problem at once, each at its own definition', () => {
    const { findings } = compileCatalog('shapes', {
      scrapeInterval: '15 seconds' as '15s',
      instances: 0,
      labels: { method: oneOf('GET', 'GET') },
      metrics: {
        a_seconds: histogram({ help: 'Unsorted.', unit: 'seconds', buckets: [1, 0.5] }),
        b_seconds: summary({ help: 'Bad quantile.', unit: 'seconds', quantiles: [1.5] }),
        c_total: counter({ help: 'Zero budget.', budget: 0, labels: ['method'] }),
      },
    });
    const invalid = findings.filter((f) => f.rule === 'catalog/invalid').map((f) => `${f.subject}: ${f.message}`);
    expect(invalid).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^shapes\/catalog: scrapeInterval: must be a Prometheus duration/),
        expect.stringMatching(/^shapes\/catalog: instances: must be positive/),
        expect.stringMatching(/^shapes\/label\/method: values: values must be unique/),
        expect.stringMatching(/^shapes\/metric\/a_seconds: buckets: buckets must be strictly increasing/),
        expect.stringMatching(/^shapes\/metric\/b_seconds: quantiles\.0: /),
        expect.stringMatching(/^shapes\/metric\/c_total: budget: must be positive/),
      ]),
    );
    expect(invalid).toHaveLength(6);
  });

  it('rejects a drop of a label the metric does not have, even past the type checker', () => {
    const sneaky = {
      ...counter({ help: 'Calls.', labels: ['method'] }),
      drop: { path: 'collector' },
      dropped: ['path'],
    } as unknown as MetricSpec<'counter', 'method', never>;
    const { findings } = compileCatalog('drops', {
      ...base,
      labels: { method: oneOf('GET') },
      metrics: { calls_total: sneaky },
    });
    expect(findings.map((f) => `${f.rule} ${f.message}`)).toContain(
      'catalog/invalid drop.path: drops path, which the metric does not have.',
    );
  });
});

describe('catalog/undeclared-label', () => {
  it('reports a label that no domain declares (reachable from plain JavaScript)', () => {
    const untyped = counter({ help: 'Calls.', labels: ['verb'] }) as unknown as MetricSpec<'counter', 'method', never>;
    const { findings } = compileCatalog('undeclared', {
      ...base,
      labels: { method: oneOf('GET') },
      metrics: { calls_total: untyped },
    });
    expect(ruleSubjects(findings, 'catalog/undeclared-label')).toEqual([
      'catalog/undeclared-label undeclared/metric/calls_total{verb}',
    ]);
  });
});

describe('catalog/missing-help, catalog/unused-label, catalog/bucket-scale', () => {
  it('warns on a metric without help and a label nobody uses; millisecond buckets on seconds are an error (the histogram is useless)', () => {
    const { findings } = compileCatalog('hygiene', {
      ...base,
      labels: { method: oneOf('GET'), orphan: oneOf('x') },
      metrics: {
        calls_total: counter({ labels: ['method'] }),
        request_duration_seconds: histogram({
          help: 'OTel defaults.',
          unit: 'seconds',
          buckets: [0, 5, 10, 25, 50, 100, 1000],
        }),
        job_duration_seconds: histogram({ help: 'Fine.', unit: 'seconds', buckets: [5, 30, 60] }),
      },
    });
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.subject}`).sort()).toEqual([
      'error catalog/bucket-scale hygiene/metric/request_duration_seconds',
      'warning catalog/missing-help hygiene/metric/calls_total',
      'warning catalog/unused-label hygiene/label/orphan',
    ]);
  });
});

describe('project/duplicate-system', () => {
  it('refuses two systems with one name', () => {
    const make = () =>
      system({ catalog: catalog('twin', { ...base, labels: {}, metrics: { up_gauge_x: gauge({ help: 'x' }) } }) });
    const { findings } = compileProject(project({ systems: [make(), make()] }));
    expect(ruleSubjects(findings, 'project/')).toEqual(['project/duplicate-system twin/catalog']);
  });
});
