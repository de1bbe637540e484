import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateTool } from '../src/cli/real-tools.ts';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import {
  alert,
  by,
  fires,
  gt,
  project,
  promql,
  quiet,
  rate,
  record,
  ruleGroup,
  series,
  sum,
  system,
  type AlertSpec,
  type Rule,
} from '../src/index.ts';
import { shopErrorAlert, shopErrorRatio } from './fixtures/shop-error-alert.ts';
import { shop } from './fixtures/promql-catalog.ts';
import { prometheusCollector } from './fixtures/prometheus-collector.ts';

const m = shop.metrics;
const ratio = shopErrorRatio;
const good: AlertSpec = shopErrorAlert();

function findingsFor(...rules: Rule[]): string[] {
  const compiled = compileProject(
    project({
      systems: [
        system({ catalog: shop, collector: prometheusCollector, rules: [ruleGroup('shop-alerts', { rules })] }),
      ],
    }),
  );
  return compiled.findings.map((f) => `${f.rule} ${f.subject}`);
}

describe('a well-formed, tested alert', () => {
  it('has no finding', () => {
    expect(findingsFor(alert('HighErrorRate', good))).toEqual([]);
  });
});

describe.each([
  ['alert/template', { description: '{{ $labels.status_code }} fails {{ $value | humanizePercentage }}.' }],
  ['alert/template', { description: '{{ $labels.service_name }} fails {{ $value | humanizePercentage }.' }],
  ['alert/template', { description: '{{ $labels.service_name }} fails {{ $value | humanizePercent }}.' }],
  ['alert/no-comparison', { expr: ratio, tests: [] }],
  ['alert/no-comparison', { expr: gt(ratio, 0.1, { bool: true }), tests: [] }],
  ['alert/annotations', { summary: 'more than 10% of requests fail.' }],
  ['alert/annotations', { summary: 'More than 10% of requests fail' }],
  ['alert/annotations', { summary: '{{ $labels.service_name }} fails too often.' }],
  ['alert/annotations', { description: 'Requests fail.' }],
  ['alert/severity', { severity: 'page' as 'critical' }],
  ['alert/untested', { tests: [] }],
  ['alert/untested', { tests: good.tests?.slice(0, 1) }],
  [
    'alert/test',
    {
      tests: [
        fires('wrong labels', { at: '10m', series: [], alerts: [{ labels: { status_code: '500' }, value: 0.2 }] }),
        ...(good.tests?.slice(1) ?? []),
      ],
    },
  ],
  [
    'alert/test',
    {
      tests: [
        fires('no value', { at: '10m', series: [], alerts: [{ labels: { service_name: 'cart' } }] }),
        ...(good.tests?.slice(1) ?? []),
      ],
    },
  ],
  [
    'alert/test',
    {
      tests: [
        quiet('bad values', { at: '10m', series: [{ series: 'queue_depth', values: '1 2 three' }] }),
        ...(good.tests?.slice(0, 1) ?? []),
      ],
    },
  ],
  ['promql/counter-raw', { expr: promql`request_count_total > 10`, tests: [] }],
] as const)('%s', (rule, change) => {
  it(`is reported for ${JSON.stringify(change).slice(0, 90)}`, () => {
    expect(findingsFor(alert('HighErrorRate', { ...good, ...change } as AlertSpec))).toContain(
      `${rule} shop/alert/HighErrorRate`,
    );
  });
});

describe('an alert on absence', () => {
  const down = (description: string) =>
    alert('ServiceDown', {
      expr: promql`absent(request_count_total{service_name="cart"})`,
      for: '5m',
      severity: 'critical',
      summary: 'The cart service has disappeared.',
      description,
      tests: [
        fires('no series', { at: '10m', series: [], alerts: [{ labels: { service_name: 'cart' } }] }),
        quiet('reporting', {
          at: '10m',
          series: [{ series: 'request_count_total{service_name="cart"}', values: '0+1x20' }],
        }),
      ],
    });
  it('may have a static description: its one series says only that nothing is there (KubeAPIDown)', () => {
    expect(findingsFor(down('The cart service has disappeared from Prometheus target discovery.'))).toEqual([]);
  });
  it('still wants one', () => {
    expect(findingsFor(down(''))).toContain('alert/annotations shop/alert/ServiceDown');
  });
});

describe('rule/record-name: the level is spelled by the labels the result keeps', () => {
  const recorded = (name: string, expr: ReturnType<typeof promql>) =>
    compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            rules: [ruleGroup('r', { rules: [record(name, expr)] })],
          }),
        ],
      }),
    )
      .findings.filter((f) => f.rule === 'rule/record-name')
      .map((f) => f.message);

  it.each([
    ['service_name:request_count:rate5m', promql`sum by (service_name) (rate(request_count_total[5m]))`],
    [
      'service_name_status_code:request_count:rate5m',
      promql`sum by (service_name, status_code) (rate(request_count_total[5m]))`,
    ],
    ['global:request_count:rate5m', promql`sum(rate(request_count_total[5m]))`],
  ] as const)('%s passes', (name, expr) => {
    expect(recorded(name, expr)).toEqual([]);
  });

  it.each([
    [
      'job:request_count:rate5m',
      promql`sum by (service_name) (rate(request_count_total[5m]))`,
      'keeps only service_name',
    ],
    ['service_name:request_count:rate5m', promql`sum(rate(request_count_total[5m]))`, 'keeps no label'],
  ] as const)('%s is reported', (name, expr, what) => {
    expect(recorded(name, expr)).toEqual([expect.stringContaining(what)]);
  });
});

describe('alert/name-style, rule/duplicate, rule/record-name', () => {
  it('wants CamelCase alert names', () => {
    expect(findingsFor(alert('high_error_rate', good))).toContain('alert/name-style shop/alert/high_error_rate');
  });
  it('refuses two alerts with one name, and identical recording rules', () => {
    expect(findingsFor(alert('HighErrorRate', good), alert('HighErrorRate', good))).toContain(
      'rule/duplicate shop/alert/HighErrorRate',
    );
    const rec = sum(rate(m.request_count_total, '5m'), by('service_name'));
    expect(
      findingsFor(record('service_name:request_count:rate5m', rec), record('service_name:request_count:rate5m', rec)),
    ).toContain('rule/duplicate shop/record/service_name:request_count:rate5m');
  });
  it('allows one recording name with different static labels, and refuses a repeat of either', () => {
    const rec = sum(rate(m.request_count_total, '5m'), by('service_name'));
    const name = 'service_name:request_count:rate5m';
    expect(
      findingsFor(record(name, rec, { labels: { tier: 'a' } }), record(name, rec, { labels: { tier: 'b' } })),
    ).toEqual([]);
    const repeated = findingsFor(
      record(name, rec, { labels: { tier: 'a' } }),
      record(name, rec, { labels: { tier: 'b' } }),
      record(name, rec, { labels: { tier: 'a' } }),
    );
    expect(repeated).toEqual([`rule/duplicate shop/record/${name}`]);
  });
  it('wants recording rules named level:metric:operations', () => {
    expect(findingsFor(record('request_rate', sum(rate(m.request_count_total, '5m'))))).toContain(
      'rule/record-name shop/record/request_rate',
    );
    expect(
      findingsFor(
        record('service_name:request_count:rate5m', sum(rate(m.request_count_total, '5m'), by('service_name'))),
      ),
    ).toEqual([]);
  });
  it('resolves recording rules as metrics in later expressions, with their labels', () => {
    const rec = record('service_name:request_count:rate5m', sum(rate(m.request_count_total, '5m'), by('service_name')));
    expect(
      findingsFor(
        rec,
        record('service_name:request_count:sum', promql`sum by (service_name) (service_name:request_count:rate5m)`),
      ),
    ).toEqual([]);
    expect(
      findingsFor(
        rec,
        record('service_name:request_count:sum', promql`sum by (status_code) (service_name:request_count:rate5m)`),
      ),
    ).toContain('promql/unknown-label shop/record/service_name:request_count:sum');
  });
  it('counts recorded series into the cardinality estimate', () => {
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            rules: [
              ruleGroup('r', {
                rules: [
                  record(
                    'service_name:request_count:rate5m',
                    sum(rate(m.request_count_total, '5m'), by('service_name')),
                  ),
                ],
              }),
            ],
          }),
        ],
      }),
    );
    expect(compiled.cardinality.systems[0]?.contributions).toEqual([
      expect.objectContaining({ name: 'service_name:request_count:rate5m', series: 2 }),
    ]);
  });
});

describe('an alert that keeps the target labels (job, instance)', () => {
  it("series(…, { job, instance }) supplies them, alert/test accepts them, and promtool's test passes", () => {
    const target = { job: 'shop', instance: 'cart-1:9090' };
    const perInstance = alert('InstanceErrors', {
      expr: gt(rate(m.request_count_total.where({ service_name: 'cart', status_code: '500' }), '5m'), 0.1),
      for: '5m',
      severity: 'warning',
      summary: 'One instance fails requests.',
      description: '{{ $labels.instance }} fails {{ $value | humanize }} requests per second.',
      tests: [
        fires('one instance fails', {
          at: '10m',
          series: [
            series(m.request_count_total.where({ service_name: 'cart', status_code: '500' }), '0+60x60', target),
          ],
          alerts: [{ labels: { ...target, service_name: 'cart', status_code: '500' }, value: 4 }],
        }),
        quiet('it recovers', {
          at: '10m',
          series: [series(m.request_count_total.where({ service_name: 'cart', status_code: '500' }), '0x60', target)],
        }),
      ],
    });
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            rules: [ruleGroup('instances', { rules: [perInstance] })],
          }),
        ],
      }),
    );
    expect(compiled.findings).toEqual([]);
    const out = mkdtempSync(path.join(tmpdir(), 'obsgen-target-'));
    for (const file of compiled.files.filter((f) => f.path.startsWith('prometheus/'))) {
      mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
      writeFileSync(path.join(out, file.path), file.content);
    }
    const tested = spawnSync(
      locateTool('promtool')!,
      ['test', 'rules', path.join(out, 'prometheus/shop/tests/instances.test.yml')],
      { encoding: 'utf8' },
    );
    expect(`${tested.stdout}${tested.stderr}`).toContain('SUCCESS');
    expect(tested.status).toBe(0);
  });
});

describe('alert/timing', () => {
  it('warns when for is shorter than the group evaluation interval, and not otherwise', () => {
    const at = (forValue: AlertSpec['for'], interval?: string) =>
      compileProject(
        project({
          systems: [
            system({
              catalog: shop,
              collector: prometheusCollector,
              rules: [
                ruleGroup('g', {
                  ...(interval === undefined ? {} : { interval: interval as '1m' }),
                  rules: [alert('HighErrorRate', { ...good, for: forValue })],
                }),
              ],
            }),
          ],
        }),
      )
        .findings.filter((f) => f.rule === 'alert/timing')
        .map((f) => f.severity);
    expect(at('30s')).toEqual(['warning']);
    expect(at('5m', '10m')).toEqual(['warning']);
    expect(at('5m')).toEqual([]);
    expect(at('30s', '15s')).toEqual([]);
  });
});

describe('slo objectives keyed by a label not in by', () => {
  it('is one finding at the SLO, not one per generated rule', async () => {
    const { ratioSli, slo } = await import('../src/index.ts');
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            slos: [
              slo('availability', {
                objective: 99,
                objectives: { label: 'service_name', values: { cart: 95 } },
                sli: ratioSli({
                  errors: m.request_count_total.where({ status_code: '500' }),
                  total: m.request_count_total,
                }),
              }),
            ],
          }),
        ],
      }),
    );
    expect(compiled.findings.map((f) => `${f.rule} ${f.subject}`)).toEqual([
      'slo/objective-range shop/slo/availability',
    ]);
  });
});

describe('alert/threshold-scale', () => {
  it('an error ratio compared with 10 (meant as 10 %) is an error; with 0.1 it is fine', () => {
    expect(findingsFor(alert('HighErrorRate', { ...good, expr: gt(ratio, 10), tests: [] }))).toContain(
      'alert/threshold-scale shop/alert/HighErrorRate',
    );
    expect(findingsFor(alert('HighErrorRate', good))).not.toContain('alert/threshold-scale shop/alert/HighErrorRate');
  });
  it('a rate compared with 10 is no ratio', () => {
    expect(
      findingsFor(
        alert('HighErrorRate', {
          ...good,
          expr: gt(sum(rate(m.request_count_total, '5m'), by('service_name')), 10),
          tests: [],
        }),
      ),
    ).not.toContain('alert/threshold-scale shop/alert/HighErrorRate');
  });
});
