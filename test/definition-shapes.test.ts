// Nothing silent: every key a user writes into a public constructor is one obsgen reads, or an
// error finding. One mechanism (each constructor's shape, checked by the validation stage); this
// test walks every public constructor and proves a misspelt key is reported wherever it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import * as api from '../src/index.ts';
import { definitionInputOf } from '../src/model/input/definition-input.ts';
import type { Shape } from '../src/model/input/shape.ts';
import type { Project } from '../src/model/system.ts';
import { definitionShapeFindings } from '../src/validate/definition-shapes.ts';
import typosProject from './fixtures/definitions/typos.ts';
import { lineOf } from './support/compile.ts';
import { readFileSync } from 'node:fs';

const shop = api.catalog('shop', {
  scrapeInterval: '15s',
  instances: 1,
  labels: { route: api.oneOf('/a', '/b') },
  metrics: {
    orders_total: api.counter({ help: 'Orders.', labels: ['route'] }),
    order_duration_seconds: api.histogram({ help: 'Order time.', unit: 'seconds', buckets: [0.1, 1] }),
  },
});
const m = shop.metrics;
const shopSystem = api.system({ catalog: shop });
const logs = api.logSchema('app', { level: 'string' });
const group = api.logGroup('/app', { schema: logs });
const query = api.logsQuery('errors', { logGroups: [group], query: 'fields @message' });
const pager = api.receiver('pager', api.webhook({ url: 'http://127.0.0.1/x' }));
const emf = api.emfMetric(m.orders_total, { dimensions: {}, statistic: 'Sum', period: '1m' });

/**
 * A call of each public constructor that takes keyed objects, with valid arguments, and the
 * argument paths whose keys the user chooses (label names, component ids), where any key is right.
 */
interface Sample {
  readonly call: (...args: never[]) => unknown;
  readonly args: readonly unknown[];
  readonly freeKeys?: readonly string[];
}

const SAMPLES: Readonly<Record<string, Sample>> = {
  catalog: {
    call: api.catalog,
    args: [
      's',
      {
        scrapeInterval: '15s',
        instances: 1,
        labels: {},
        metrics: {},
        allow: [{ rule: 'a/b', reason: 'because of x' }],
      },
    ],
    freeKeys: ['1.labels', '1.metrics'],
  },
  counter: {
    call: api.counter,
    args: [{ help: 'x', labels: ['a'], drop: { a: 'collector' }, combinations: { max: 2, why: 'w' } }],
    freeKeys: ['0.drop'],
  },
  gauge: { call: api.gauge, args: [{ help: 'x', cloudwatch: { namespace: 'N', dimensions: [[]] } }] },
  upDownCounter: { call: api.upDownCounter, args: [{ help: 'x' }] },
  histogram: { call: api.histogram, args: [{ help: 'x', buckets: [1] }] },
  summary: { call: api.summary, args: [{ help: 'x', quantiles: [0.5] }] },
  project: { call: api.project, args: [{ systems: [] }] },
  system: { call: api.system, args: [{ catalog: shop }] },
  projectCheck: { call: api.projectCheck, args: ['acme/x', { description: 'd', check: () => [] }] },
  alertmanager: {
    call: api.alertmanager,
    args: [{ route: { receiver: pager, groupBy: ['alertname'] }, smtp: { from: 'a@b.c', smarthost: 'h:25' } }],
  },
  inhibit: {
    call: api.inhibit,
    args: [{ source: { severity: 'critical' }, target: { severity: 'warning' }, equal: ['system'] }],
    freeKeys: ['0.source', '0.target'],
  },
  pagerduty: { call: api.pagerduty, args: [{ routingKey: api.secretFile('/k') }] },
  slack: { call: api.slack, args: [{ apiUrl: api.secretFile('/u'), channel: '#c' }] },
  email: { call: api.email, args: [{ to: 'a@b.c' }] },
  webhook: { call: api.webhook, args: [{ url: 'http://127.0.0.1/x' }] },
  opsgenie: { call: api.opsgenie, args: [{ apiKey: api.secretFile('/k'), responders: [{ type: 'team', name: 'x' }] }] },
  grafanaOnCall: { call: api.grafanaOnCall, args: [{ url: 'http://127.0.0.1/x' }] },
  deployment: {
    call: api.deployment,
    args: [
      {
        prometheusOperator: { namespace: 'n', labels: {} },
        mimir: {},
        grafanaSidecar: { namespace: 'n' },
        grafanaOperator: { namespace: 'n', instanceSelector: { a: 'b' } },
      },
    ],
    freeKeys: ['0.prometheusOperator.labels', '0.grafanaOperator.instanceSelector'],
  },
  route: { call: api.route, args: [{ receiver: pager, matchers: { severity: 'critical' } }], freeKeys: ['0.matchers'] },
  systemRoute: { call: api.systemRoute, args: [shopSystem, { receiver: pager }] },
  timeInterval: {
    call: api.timeInterval,
    args: ['t', [{ weekdays: ['monday'], times: [{ start: '09:00', end: '17:00' }] }]],
  },
  alert: {
    call: api.alert,
    args: [
      'A',
      {
        expr: api.gt(api.sum(api.rate(m.orders_total, '5m')), 1),
        severity: 'warning',
        summary: 'S.',
        description: 'D.',
        labels: { team: 'x' },
        runbook: { impact: 'i' },
        dashboard: { dashboard: 'd' },
      },
    ],
    freeKeys: ['1.labels'],
  },
  record: {
    call: api.record,
    args: ['a:b:c', api.sum(api.rate(m.orders_total, '5m')), { labels: {}, allow: [{ rule: 'a/b', reason: 'r' }] }],
    freeKeys: ['2.labels'],
  },
  ruleGroup: { call: api.ruleGroup, args: ['g', { rules: [] }] },
  fires: {
    call: api.fires,
    args: ['f', { at: '10m', series: [], alerts: [{ labels: {} }] }],
    freeKeys: ['1.alerts.0.labels'],
  },
  quiet: { call: api.quiet, args: ['q', { at: '10m', series: [] }] },
  histogramSeries: { call: api.histogramSeries, args: [m.order_duration_seconds, [{ value: 0.5, count: 1 }], 10] },
  eventsSli: { call: api.eventsSli, args: [{ errors: (w: string) => `x[${w}]`, total: (w: string) => `y[${w}]` }] },
  ratioSli: { call: api.ratioSli, args: [{ errors: m.orders_total, total: m.orders_total }] },
  latencySli: { call: api.latencySli, args: [{ histogram: m.order_duration_seconds, threshold: 1 }] },
  slo: {
    call: api.slo,
    args: [
      'orders',
      {
        objective: 99,
        sli: api.ratioSli({ errors: m.orders_total, total: m.orders_total }),
        objectives: { label: 'route', values: { '/a': 99 } },
        alerting: { page: { labels: {} }, noData: { for: '5m' }, runbook: {} },
      },
    ],
    freeKeys: ['1.objectives.values', '1.alerting.page.labels'],
  },
  dashboard: {
    call: api.dashboard,
    args: [
      'd',
      {
        title: 'D',
        rows: [],
        variables: [{ kind: 'custom', name: 'v', values: ['a'] }],
        links: [{ title: 'l', url: 'https://x' }],
      },
    ],
  },
  row: { call: api.row, args: ['r', [], { collapsed: true }] },
  timeseries: {
    call: api.timeseries,
    args: [
      't',
      [{ query: m.orders_total, legend: 'x' }],
      { unit: 'short', thresholds: [{ value: 1, color: 'red' }], gridPos: { x: 0, y: 0, w: 1, h: 1 } },
    ],
  },
  stat: { call: api.stat, args: ['t', 'up', { mappings: [{ value: 1, text: 'up' }] }] },
  gaugePanel: { call: api.gaugePanel, args: ['t', 'up', { unit: 'short' }] },
  barGauge: { call: api.barGauge, args: ['t', 'up', { unit: 'short' }] },
  barChart: { call: api.barChart, args: ['t', 'up', { unit: 'short' }] },
  table: { call: api.table, args: ['t', 'up', { unit: 'short' }] },
  heatmap: { call: api.heatmap, args: ['t', 'up', { unit: 'short' }] },
  logs: { call: api.logs, args: ['t', '{app="x"}', { description: 'd' }] },
  text: { call: api.text, args: ['t', '# x', { description: 'd' }] },
  cloudwatchMetric: {
    call: api.cloudwatchMetric,
    args: [{ namespace: 'AWS/ECS', metricName: 'CPU', statistic: 'Average' }],
  },
  collector: {
    call: api.collector,
    args: [
      {
        receivers: { otlp: {} },
        exporters: { debug: {} },
        pipelines: { metrics: { receivers: ['otlp'], exporters: ['debug'] } },
      },
    ],
    freeKeys: ['0.receivers', '0.exporters', '0.pipelines', '0.receivers.otlp', '0.exporters.debug'],
  },
  logGroup: { call: api.logGroup, args: ['/g', { schema: logs }] },
  awsMetric: {
    call: api.awsMetric,
    args: [{ namespace: 'AWS/ECS', metricName: 'CPU', statistic: 'Average', period: 60 }],
  },
  emfMetric: {
    call: api.emfMetric,
    args: [m.orders_total, { dimensions: {}, statistic: 'Sum', period: 60 }],
    freeKeys: ['1.dimensions'],
  },
  cloudwatchAlarm: {
    call: api.cloudwatchAlarm,
    args: [
      'a',
      {
        severity: 'warning',
        comparison: '>',
        threshold: 1,
        math: { m1: emf, e1: { kind: 'expression', expression: 'm1' } },
      },
    ],
    freeKeys: ['1.math'],
  },
  cloudwatch: { call: api.cloudwatch, args: [{ region: 'eu-west-1', queries: [query] }] },
  logsQuery: { call: api.logsQuery, args: ['q', { logGroups: [group], query: 'fields @message' }] },
  metricWidget: { call: api.metricWidget, args: ['w', [emf], { view: 'bar' }] },
  logWidget: { call: api.logWidget, args: ['w', query, { view: 'table' }] },
  textWidget: { call: api.textWidget, args: ['# x', { width: 6 }] },
  histogramQuantile: { call: api.histogramQuantile, args: [0.9, m.order_duration_seconds, { by: [] }] },
  ...Object.fromEntries(
    (
      [
        'add',
        'sub',
        'mul',
        'div',
        'mod',
        'pow',
        'atan2',
        'eq',
        'ne',
        'gt',
        'lt',
        'ge',
        'le',
        'and',
        'or',
        'unless',
      ] as const
    ).map((name) => [name, { call: api[name], args: [m.orders_total, m.orders_total, { ignoring: ['route'] }] }]),
  ),
};

/** Public functions with no keyed object to misspell: positional values, other results, or not constructors. */
const NO_KEYED_OBJECTS = new Set([
  // Values and names only.
  'oneOf',
  'bounded',
  'unbounded',
  'not',
  'notRe',
  're',
  'secretFile',
  'deployTime',
  'notificationTemplate',
  'useTemplate',
  'sloBurnInhibitions',
  'receiver',
  'projectOutput',
  'series',
  'expression',
  'cloudwatchDashboard',
  'logsInsights',
  'oneOfValues',
  'insights',
  // Log schemas: every key is a field name the user chooses.
  'logSchema',
  'extendSchema',
  // PromQL with positional arguments.
  'abs',
  'absent',
  'absentOverTime',
  'avg',
  'avgOverTime',
  'bottomk',
  'buckets',
  'by',
  'ceil',
  'changes',
  'clamp',
  'clampMax',
  'clampMin',
  'count',
  'countOverTime',
  'countValues',
  'delta',
  'deriv',
  'exp',
  'floor',
  'group',
  'idelta',
  'increase',
  'irate',
  'labelJoin',
  'labelReplace',
  'lastOverTime',
  'ln',
  'max',
  'maxOverTime',
  'min',
  'minOverTime',
  'observationCount',
  'observationSum',
  'offset',
  'predictLinear',
  'presentOverTime',
  'promql',
  'quantile',
  'quantileOverTime',
  'rate',
  'resets',
  'round',
  'scalar',
  'sort',
  'sortDesc',
  'sqrt',
  'stddev',
  'stddevOverTime',
  'stdvar',
  'stdvarOverTime',
  'subquery',
  'sum',
  'sumOverTime',
  'time',
  'timestamp',
  'topk',
  'vector',
  'without',
  // Not constructors: parsers, renderers, the compiler, validators.
  'PromqlSyntaxError',
  'parsePromql',
  'renderPromql',
  'parseLogsInsights',
  'analyzeFields',
  'validateCollector',
  'compileProject',
  'prometheusNameForOtel',
]);

/** Paths (`1.spec.key`) of the object literals in `value` a user writes keys into. */
function keyedObjects(value: unknown, path: string, free: ReadonlySet<string>): string[] {
  if (typeof value !== 'object' || value === null || definitionInputOf(value) !== undefined) return [];
  if ('ast' in value || 'where' in value) return []; // queries, metrics and selections of them
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  const inner = entries.flatMap(([key, item]) => keyedObjects(item, path === '' ? key : `${path}.${key}`, free));
  return Array.isArray(value) || free.has(path) || path === '' ? inner : [path, ...inner];
}

/** A deep copy of `args` with `key: true` added to the object at `path`. */
function withKey(args: readonly unknown[], path: string, key: string): unknown[] {
  const steps = path.split('.');
  const copy = (value: unknown, depth: number): unknown => {
    if (depth === steps.length) return { ...(value as object), [key]: true };
    const step = steps[depth]!;
    if (Array.isArray(value))
      return value.map((item, index) => (String(index) === step ? copy(item, depth + 1) : item));
    return { ...(value as object), [step]: copy((value as Record<string, unknown>)[step], depth + 1) };
  };
  return copy(args, 0) as unknown[];
}

/** A typo of one of the object's keys (a letter doubled), or a key of no resemblance when it has none. */
function typoOf(object: Readonly<Record<string, unknown>>): { readonly typo: string; readonly meant?: string } {
  const key = Object.keys(object).find((k) => k.length >= 4);
  return key === undefined ? { typo: 'zzqq' } : { typo: `${key.slice(0, 2)}${key[2]}${key.slice(2)}`, meant: key };
}

function at(args: readonly unknown[], path: string): Readonly<Record<string, unknown>> {
  return path.split('.').reduce<unknown>((value, step) => (value as Record<string, unknown>)[step], args) as Record<
    string,
    unknown
  >;
}

const findingsOf = (made: unknown) => definitionShapeFindings({ made } as unknown as Project);

describe('every public constructor reports a key it does not read', () => {
  it('every public function is a sampled constructor or has no keyed object', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    const unclassified = functions.filter((name) => !(name in SAMPLES) && !NO_KEYED_OBJECTS.has(name));
    expect(unclassified).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !functions.includes(name))).toEqual([]);
  });

  for (const [name, sample] of Object.entries(SAMPLES)) {
    it(`${name}: valid input is clean, a misspelt key anywhere is an error`, () => {
      const call = sample.call as (...args: readonly unknown[]) => unknown;
      expect(findingsOf(call(...sample.args))).toEqual([]);
      const paths = sample.args.flatMap((arg, index) => keyedObjects(arg, String(index), new Set(sample.freeKeys)));
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        const { typo, meant } = typoOf(at(sample.args, path));
        const findings = findingsOf(call(...withKey(sample.args, path, typo)));
        expect(
          findings.map((f) => f.rule),
          `${name} ${path}.${typo}`,
        ).toEqual(['definition/unknown-key']);
        expect(findings[0]!.message).toContain(typo);
        if (meant !== undefined) expect(findings[0]!.message).toContain(`did you mean ${meant}?`);
        expect(findings[0]!.at.file).toBe('test/definition-shapes.test.ts');
      }
    });
  }

  it('any added key, of any name, is reported (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(SAMPLES)), fc.string({ minLength: 1, maxLength: 12 }), (name, key) => {
        const sample = SAMPLES[name]!;
        const paths = sample.args.flatMap((arg, index) => keyedObjects(arg, String(index), new Set(sample.freeKeys)));
        const path = paths[key.length % paths.length]!;
        fc.pre(!(key in at(sample.args, path)) && key !== '__proto__');
        const made = (sample.call as (...args: readonly unknown[]) => unknown)(...withKey(sample.args, path, key));
        const keys = findingsOf(made).filter((f) => f.rule === 'definition/unknown-key');
        return keys.length === 1 && keys[0]!.message.includes(`${key} is not a key`);
      }),
      { numRuns: 300 },
    );
  });
});

/** Paths (`0.url`, `0.responders.1.name`) of the values in `value` its shape says take text. */
function textPaths(shape: Shape, value: unknown, path: string): string[] {
  const join = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (typeof value !== 'object' || value === null) return [];
  switch (shape.kind) {
    case 'list':
      return Array.isArray(value) ? value.flatMap((item, index) => textPaths(shape.of, item, join(String(index)))) : [];
    case 'choice':
      return textPaths(shape.pick(value as Record<string, unknown>), value, path);
    case 'object':
      return Object.entries(shape.fields).flatMap(([key, field]) => {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) return [];
        return field.shape.kind === 'text' ? [join(key)] : textPaths(field.shape, item, join(key));
      });
    default:
      return [];
  }
}

/** A deep copy of `args` with the value at `path` replaced. */
function withValue(args: readonly unknown[], path: string, replacement: unknown): unknown[] {
  const steps = path.split('.');
  const copy = (value: unknown, depth: number): unknown => {
    if (depth === steps.length) return replacement;
    const step = steps[depth]!;
    if (Array.isArray(value))
      return value.map((item, index) => (String(index) === step ? copy(item, depth + 1) : item));
    return { ...(value as object), [step]: copy((value as Record<string, unknown>)[step], depth + 1) };
  };
  return copy(args, 0) as unknown[];
}

describe('a value that is not text where text goes is an error, not a crash later', () => {
  const sampled = Object.entries(SAMPLES).flatMap(([name, sample]) => {
    const call = sample.call as (...args: readonly unknown[]) => unknown;
    const input = definitionInputOf(call(...sample.args) as object);
    if (input === undefined) return [];
    return input.shape.parameters.flatMap((parameter, index) =>
      textPaths(parameter.shape, sample.args[index], String(index)).map((path) => ({ name, call, sample, path })),
    );
  });

  it('the shapes declare text fields (the alertmanager integrations at least)', () => {
    expect(sampled.map(({ name, path }) => `${name} ${path}`)).toEqual(expect.arrayContaining(['webhook 0.url']));
  });

  it.each([
    ['a secret file', api.secretFile('/etc/secret')],
    ['a number', 3],
    ['a list', ['a']],
  ])(
    'every text field given %s: one definition/wrong-type at the call, saying what was given',
    (_what, replacement) => {
      for (const { name, call, sample, path } of sampled) {
        const findings = findingsOf(call(...withValue(sample.args, path, replacement)));
        expect(
          findings.map((f) => f.rule),
          `${name} ${path}`,
        ).toEqual(['definition/wrong-type']);
        expect(findings[0]!.message).toContain(`${path.split('.').slice(1).join('.')} takes text, not `);
        expect(findings[0]!.at.file).toBe('test/definition-shapes.test.ts');
      }
    },
  );

  it('a webhook whose url is a secretFile() is a finding, and nothing is compiled (it crashed the Alertmanager check)', () => {
    const wrong = api.receiver('pager', api.webhook({ url: api.secretFile('/etc/pager-url') as never }));
    const built = compileProject(
      api.project({
        alertmanager: api.alertmanager({ route: { receiver: wrong } }),
        systems: [shopSystem],
      }),
    );
    expect(built.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([
      'definition/wrong-type webhook(): url takes text, not an object.',
    ]);
    expect(built.files).toEqual([]);
  });
});

describe('the misspellings a new user made (issue 24)', () => {
  const fixture = 'test/fixtures/definitions/typos.ts';
  const source = readFileSync(fixture, 'utf8');
  const { findings, files } = compileProject(typosProject);

  it('each is an error at its line with what it meant, and nothing is compiled', () => {
    expect(findings.map((f) => `${f.rule} ${f.at.file}:${f.at.line} ${f.message}`)).toEqual([
      `definition/unknown-key ${fixture}:${lineOf(source, 'orders_total: counter')} counter(): lables is not a key of a metric (did you mean labels?); obsgen would ignore it.`,
      `definition/unknown-key ${fixture}:${lineOf(source, 'order_duration_seconds: histogram')} histogram(): unti is not a key of a histogram (did you mean unit?); obsgen would ignore it.`,
      `definition/unknown-key ${fixture}:${lineOf(source, "alert('OrdersFailing'")} alert("OrdersFailing"): descripton is not a key of an alert (did you mean description?); obsgen would ignore it.`,
      `definition/unknown-key ${fixture}:${lineOf(source, "cloudwatchAlarm('OrdersAlarm'")} cloudwatchAlarm("OrdersAlarm"): threshhold is not a key of an alarm (did you mean threshold?); obsgen would ignore it.`,
    ]);
    expect(files).toEqual([]);
  });

  it('a required key left out is an error too: an alarm without a threshold, a route without a receiver', () => {
    const alarm = api.cloudwatchAlarm('NoThreshold', { severity: 'warning', comparison: '>', metric: emf } as never);
    const root = api.alertmanager({ route: { groupBy: ['alertname'] } } as never);
    expect(findingsOf([alarm, root]).map((f) => `${f.rule} ${f.message}`)).toEqual([
      'definition/missing-value cloudwatchAlarm("NoThreshold"): threshold is required (an alarm without it cannot be compiled).',
      'definition/missing-value alertmanager(): route.receiver is required (the root route without it cannot be compiled).',
    ]);
  });

  it('allow cannot silence them', () => {
    const spec = {
      help: 'x',
      lables: ['route'],
      allow: [{ rule: 'definition/unknown-key', reason: 'I want it so badly' }],
    };
    const counter = api.counter(spec as never);
    const built = compileProject(
      api.project({
        systems: [
          api.system({
            catalog: api.catalog('s', {
              scrapeInterval: '15s',
              instances: 1,
              labels: {},
              metrics: { x_total: counter },
            }),
          }),
        ],
      }),
    );
    expect(built.findings.map((f) => f.rule)).toContain('definition/unknown-key');
    expect(built.files).toEqual([]);
  });
});
