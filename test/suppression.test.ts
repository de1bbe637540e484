import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import {
  alert,
  bounded,
  catalog,
  counter,
  dashboard,
  gauge,
  project,
  promql,
  ruleGroup,
  system,
} from '../src/index.ts';
import { REFUSED_BY_TARGET } from '../src/check/refused-by-target.ts';
import { RULE_IDS } from '../src/check/registry.ts';
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
      // Two dashboards with one uid: Grafana keeps one, so no allow silences it.
      'error allow/not-allowed second/dashboard/twin',
      'error dashboard/duplicate-uid second/dashboard/twin',
      'warning cardinality/metric-budget first/metric/wide_total',
    ]);
    expect(suppressed.map((s) => `${s.finding.rule} ${s.finding.subject}`)).toEqual([
      'cardinality/metric-budget second/metric/wide_total',
    ]);
  });
});

describe('allow silences judgements, never what the real tool would refuse', () => {
  const shop = catalog('shop', {
    scrapeInterval: '15s',
    instances: 1,
    labels: {},
    metrics: { orders_total: counter({ help: 'Orders.' }) },
  });
  const because = 'Prometheus will surely accept it one day.';

  it('a PromQL syntax error and a Go template that does not parse stay errors, and the allow is one too', () => {
    const broken = alert('OrdersStuck', {
      expr: promql`rate(orders_total[5m]) >`,
      severity: 'warning',
      summary: 'Orders are stuck.',
      description: '{{ $value ',
      allow: [
        { rule: 'promql/syntax', reason: because },
        { rule: 'alert/template', reason: because },
      ],
    });
    const { findings, files } = compileProject(
      project({ systems: [system({ catalog: shop, rules: [ruleGroup('orders', { rules: [broken] })] })] }),
    );
    const rules = findings.map((f) => f.rule);
    expect(rules).toContain('promql/syntax');
    expect(rules).toContain('alert/template');
    expect(rules).toContain('allow/not-allowed');
    expect(findings.find((f) => f.rule === 'allow/not-allowed')?.message).toBe(
      'allow names promql/syntax, which no allow can silence: the real tool would refuse what it reports.',
    );
    // An error: obsgen build leaves generated/ as it was (the files went only to its staging area).
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
    expect(files.length).toBeGreaterThan(0);
  });

  it('every rule no allow may silence is a rule obsgen has', () => {
    expect([...REFUSED_BY_TARGET].filter((rule) => !RULE_IDS.has(rule))).toEqual([]);
  });
});
