import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/build/build-project.ts';
import { bounded, catalog, counter, dashboard, gauge, project, system } from '../src/index.ts';
import { compileCatalog } from './support/compile.ts';

const labels = { a: bounded(20, 'a'), b: bounded(10, 'b') };

describe('allow: suppressions in code, with a reason', () => {
  it('silences the named rule on its subject and lists it in reports/suppressions.md', () => {
    const { findings, suppressed, files } = compileCatalog('quiet', {
      scrapeInterval: '15s',
      instances: 1,
      labels,
      metrics: {
        wide_total: counter({
          help: 'w',
          labels: ['a', 'b'],
          allow: [{ rule: 'cardinality/metric-budget', reason: 'The breakdown is the point of this metric.' }],
        }),
      },
    });
    expect(findings).toEqual([]);
    expect(suppressed.map((s) => `${s.finding.rule} ${s.finding.subject} ${s.reason}`)).toEqual([
      'cardinality/metric-budget quiet/metric/wide_total The breakdown is the point of this metric.',
    ]);
    const report = files.find((f) => f.path === 'reports/suppressions.md')?.content ?? '';
    expect(report).toContain('| `cardinality/metric-budget` | quiet/metric/wide_total | test/suppression.test.ts:');
    expect(report).toContain('The breakdown is the point of this metric.');
  });

  it('does not silence other rules on the same subject', () => {
    const { findings } = compileCatalog('partial', {
      scrapeInterval: '15s',
      instances: 1,
      labels,
      metrics: {
        wide_count: gauge({
          help: 'w',
          labels: ['a', 'b'],
          allow: [{ rule: 'cardinality/metric-budget', reason: 'The breakdown is the point of this metric.' }],
        }),
      },
    });
    expect(findings.map((f) => f.rule)).toEqual(['naming/reserved-suffix']);
  });

  it('reports allow entries that name no rule, silence nothing, or give no reason', () => {
    const { findings } = compileCatalog('stale', {
      scrapeInterval: '15s',
      instances: 1,
      labels: { a: bounded(20, 'a') },
      metrics: {
        narrow_total: counter({
          help: 'n',
          labels: ['a'],
          allow: [
            { rule: 'cardinality/metric-budgets', reason: 'A typo in the rule id here.' },
            { rule: 'naming/base-unit', reason: 'Nothing to silence on this metric.' },
            { rule: 'naming/metric-name', reason: 'short' },
          ],
        }),
      },
    });
    expect(findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual([
      'error allow/unknown-rule',
      'error catalog/invalid',
      'warning allow/unused',
      'warning allow/unused',
    ]);
    expect(findings.find((f) => f.rule === 'catalog/invalid')?.message).toContain('must say why');
  });

  it("applies each system's entries to its own findings, systems being compiled one by one; project rules cannot be silenced", () => {
    const reason = 'The breakdown is the point of this metric.';
    const make = (name: string, quiet: boolean) =>
      system({
        catalog: catalog(name, {
          scrapeInterval: '15s',
          instances: 1,
          labels,
          metrics: {
            wide_total: counter({
              help: 'w',
              labels: ['a', 'b'],
              allow: quiet ? [{ rule: 'cardinality/metric-budget', reason }] : [],
            }),
          },
        }),
        // Two dashboards with one name would write one file: dashboard/duplicate-uid is a project rule and no allow silences it.
        dashboards: quiet
          ? [
              dashboard('twin', { title: 'Twin', rows: [] }),
              dashboard('twin', {
                title: 'Twin',
                rows: [],
                allow: [{ rule: 'dashboard/duplicate-uid', reason: 'Trying to keep both dashboards anyway.' }],
              }),
            ]
          : [],
      });
    const { findings, suppressed } = compileProject(project({ systems: [make('first', false), make('second', true)] }));
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.subject}`).sort()).toEqual([
      'error dashboard/duplicate-uid second/dashboard/twin',
      'warning allow/unused second/dashboard/twin',
      'warning cardinality/metric-budget first/metric/wide_total',
    ]);
    expect(suppressed.map((s) => `${s.finding.rule} ${s.finding.subject}`)).toEqual([
      'cardinality/metric-budget second/metric/wide_total',
    ]);
  });
});
