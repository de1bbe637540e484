import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { dashboardUid } from '../src/derive/artifact-names.ts';
import { lintDashboard } from '../src/grafana/lint-dashboard.ts';
import {
  alert,
  by,
  catalog,
  counter,
  dashboard,
  div,
  gauge,
  histogram,
  histogramQuantile,
  oneOf,
  project,
  rate,
  record,
  row,
  ruleGroup,
  stat,
  sum,
  system,
  timeseries,
  type AlertSpec,
} from '../src/index.ts';
import { parsePromql } from '../src/promql/parse.ts';
import definitions from '../definitions/index.ts';
import threeFindings from './fixtures/dashboards/three-findings.ts';
import { shop } from './fixtures/promql-catalog.ts';
import { prometheusCollector } from './fixtures/prometheus-collector.ts';
import { shopErrorAlert } from './fixtures/shop-error-alert.ts';
import { CORPORA, corpusDir } from './support/corpus.ts';
import { lineOf } from './support/compile.ts';

type Json = { [key: string]: unknown };
type PanelJson = {
  id?: number;
  type: string;
  title: string;
  description?: string;
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: { expr?: string }[];
};

describe('the three-findings fixture', () => {
  const compiled = compileProject(threeFindings);
  const source = readFileSync(new URL('./fixtures/dashboards/three-findings.ts', import.meta.url), 'utf8');
  const file = 'test/fixtures/dashboards/three-findings.ts';

  it('reports exactly the fixed range, the missing unit and the undeclared variable, at the panels', () => {
    expect(
      compiled.findings.map((f) => ({ rule: f.rule, subject: f.subject, at: `${f.at.file}:${f.at.line}` })),
    ).toEqual([
      {
        rule: 'dashboard/rate-interval',
        subject: 'shop/dashboard/three-findings',
        at: `${file}:${lineOf(source, "timeseries('Fixed range'")}`,
      },
      {
        rule: 'dashboard/panel-unit',
        subject: 'shop/dashboard/three-findings',
        at: `${file}:${lineOf(source, "timeseries('Without unit'")}`,
      },
      {
        rule: 'dashboard/undeclared-variable',
        subject: 'shop/dashboard/three-findings',
        at: `${file}:${lineOf(source, "timeseries('Undeclared variable'")}`,
      },
    ]);
    expect(compiled.findings.find((f) => f.rule === 'dashboard/undeclared-variable')?.message).toContain('$service');
  });
});

describe('dashboard checks against the catalog', () => {
  const compile = (...panels: Parameters<typeof row>[1]) =>
    compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            dashboards: [dashboard('checked', { title: 'Checked', rows: [row('R', panels)] })],
          }),
        ],
      }),
    );

  it('runs the PromQL analyzer on every panel query after variable expansion', () => {
    const compiled = compile(
      timeseries('Typo', 'sum(rate(request_count_totl[$__rate_interval]))', { unit: 'reqps', description: 'd' }),
      stat('Raw counter', 'sum(request_count_total)', { unit: 'short', description: 'd' }),
      timeseries('Bad syntax', 'sum(rate(request_count_total[$__rate_interval])', { unit: 'reqps', description: 'd' }),
    );
    // Findings come in definition order: one per panel.
    expect(compiled.findings.map((f) => `${f.rule} ${f.subject}`)).toEqual([
      'promql/unknown-metric shop/dashboard/checked',
      'promql/counter-raw shop/dashboard/checked',
      'promql/syntax shop/dashboard/checked',
    ]);
    expect(compiled.findings.find((f) => f.rule === 'promql/unknown-metric')?.message).toContain('Panel "Typo"');
  });

  it('renders typed rate() ranges as $__rate_interval, which passes the check', () => {
    const compiled = compile(
      timeseries('Typed', 'sum by (service_name) (rate(request_count_total[$__rate_interval]))', {
        unit: 'reqps',
        description: 'd',
      }),
    );
    expect(compiled.findings).toEqual([]);
  });

  it('reports two dashboards with one uid', () => {
    const twin = (name: string) => dashboard(name, { title: name, rows: [] });
    const compiled = compileProject(
      project({
        systems: [system({ catalog: shop, collector: prometheusCollector, dashboards: [twin('same'), twin('same')] })],
      }),
    );
    expect(compiled.findings.map((f) => f.rule)).toEqual(['dashboard/duplicate-uid']);
  });

  it('resolves a recording rule of a system defined later, with its labels, and reports a typo once', () => {
    // Systems are compiled one after another; the first one's dashboard is checked again once the second's recordings are known.
    const board = dashboard('overview', {
      title: 'Overview',
      rows: [
        row('Shop', [
          timeseries('Requests', 'sum by (service_name) (service_name:request_count:rate5m)', {
            unit: 'reqps',
            description: 'd',
          }),
          timeseries('Wrong label', 'sum by (status_code) (service_name:request_count:rate5m)', {
            unit: 'reqps',
            description: 'd',
          }),
          timeseries('Typo', 'sum(service_name:request_count:rate5mm)', { unit: 'reqps', description: 'd' }),
        ]),
      ],
    });
    const ops = catalog('ops', {
      scrapeInterval: '15s',
      instances: 1,
      labels: {},
      metrics: { ops_checks_total: counter({ help: 'Checks.', labels: [] }) },
    });
    const recordings = ruleGroup('recordings', {
      rules: [
        record(
          'service_name:request_count:rate5m',
          sum(rate(shop.metrics.request_count_total, '5m'), by('service_name')),
        ),
      ],
    });
    const compiled = compileProject(
      project({
        systems: [
          system({ catalog: ops, dashboards: [board] }),
          system({ catalog: shop, collector: prometheusCollector, rules: [recordings] }),
        ],
      }),
    );
    expect(compiled.findings.map((f) => `${f.rule} ${f.subject} ${f.message.split('\n')[0]}`)).toEqual([
      'promql/unknown-label ops/dashboard/overview Panel "Wrong label": sum by (status_code): no series here has a label status_code.',
      'promql/unknown-metric ops/dashboard/overview Panel "Typo": No catalog, recording rule or well-known exporter defines service_name:request_count:rate5mm.',
    ]);
    expect(compiled.files.map((f) => f.path)).toContain('grafana/ops/overview.json');
  });

  it('keeps uids within 40 characters, deterministically', () => {
    const uid = dashboardUid('agentic-browser', 'reasoning-analytics-and-tool-performance');
    expect(uid.length).toBeLessThanOrEqual(40);
    expect(uid).toBe(dashboardUid('agentic-browser', 'reasoning-analytics-and-tool-performance'));
    expect(dashboardUid('shop', 'overview')).toBe('shop-overview');
  });
});

describe('each dashboard/* rule on minimal JSON', () => {
  const good = (panels: PanelJson[], extra: Json = {}) => ({
    uid: 'x',
    editable: false,
    templating: { list: [{ name: 'datasource', type: 'datasource' }] },
    panels,
    ...extra,
  });
  const panel = (p: Partial<PanelJson>): PanelJson => ({
    id: 1,
    type: 'timeseries',
    title: 'P',
    description: 'd',
    fieldConfig: { defaults: { unit: 's' } },
    targets: [{ expr: 'up' }],
    ...p,
  });
  it.each([
    ['dashboard/uid', good([panel({})], { uid: undefined })],
    ['dashboard/uid', good([panel({})], { uid: 'u'.repeat(41) })],
    ['dashboard/editable', good([panel({})], { editable: true })],
    ['dashboard/datasource-variable', good([panel({})], { templating: { list: [] } })],
    ['dashboard/panel-id', good([panel({}), panel({ title: 'Q' })])],
    ['dashboard/panel-unit', good([panel({ fieldConfig: {} })])],
    ['dashboard/panel-description', good([panel({ description: ' ' })])],
    ['dashboard/undeclared-variable', good([panel({ targets: [{ expr: 'up{job="$job"}' }] })])],
    ['dashboard/rate-interval', good([panel({ targets: [{ expr: 'rate(x_total[$__interval])' }] })])],
  ])('%s', (rule, json) => {
    expect([...new Set(lintDashboard(json).issues.map((i) => i.rule))]).toEqual([rule]);
  });

  it('dashboard/heatmap-buckets where histograms are classic', () => {
    const json = good([panel({ type: 'heatmap', targets: [{ expr: 'sum(rate(x_seconds_sum[$__rate_interval]))' }] })]);
    expect(lintDashboard(json, { classicHistograms: true }).issues.map((i) => i.rule)).toEqual([
      'dashboard/heatmap-buckets',
    ]);
    expect(lintDashboard(json).issues).toEqual([]);
  });

  it('a correct dashboard has no finding', () => {
    expect(
      lintDashboard(
        good([panel({ targets: [{ expr: 'sum(rate(x_total{job=~"$job"}[$__rate_interval]))' }] })], {
          templating: {
            list: [
              { name: 'datasource', type: 'datasource' },
              { name: 'job', type: 'query' },
            ],
          },
        }),
      ).issues,
    ).toEqual([]);
  });
});

describe('generated dashboards', () => {
  const compiled = compileProject(definitions);
  const files = compiled.files.filter((f) => f.path.startsWith('grafana/') && f.path.endsWith('.json'));

  it("are the systems' own dashboards plus an SLO overview and one SLO dashboard per SLO", () => {
    const expected = definitions.systems.flatMap((s) => [
      ...s.dashboards.map((d) => `grafana/${s.name}/${d.name}.json`),
      ...(s.slos.length === 0
        ? []
        : [`grafana/${s.name}/slos.json`, ...s.slos.map((slo) => `grafana/${s.name}/slo-${slo.name}.json`)]),
    ]);
    expect(files.map((f) => f.path)).toEqual(expected.sort());
  });

  it.each(files.map((f) => [f.path, f.content] as const))(
    '%s: uid, schemaVersion 42, read-only, datasource variable, unique ids, units, $__rate_interval',
    (_path, content) => {
      const json = JSON.parse(content) as {
        uid: string;
        schemaVersion: number;
        editable: boolean;
        templating: { list: { name: string; type: string }[] };
        panels: PanelJson[];
      };
      expect(json.uid.length).toBeGreaterThan(0);
      expect(json.uid.length).toBeLessThanOrEqual(40);
      expect(json.schemaVersion).toBe(42);
      expect(json.editable).toBe(false);
      expect(json.templating.list.some((v) => v.type === 'datasource')).toBe(true);
      const ids = json.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of json.panels.filter((p) => !['row', 'text', 'logs'].includes(p.type))) {
        expect(panel.fieldConfig?.defaults?.unit, panel.title).toBeTruthy();
        expect(panel.description, panel.title).toBeTruthy();
        for (const target of panel.targets ?? [])
          expect(target.expr ?? '', panel.title).not.toMatch(/\brate\([^[]*\[\d+[smhd]\]/);
      }
      expect(lintDashboard(json, { classicHistograms: true }).issues).toEqual([]);
    },
  );

  it('come with a provisioning file that has one folder per system', () => {
    const provisioning = compiled.files.find((f) => f.path === 'grafana/provisioning/dashboards/obsgen.yaml');
    const systems = definitions.systems.filter((s) => s.dashboards.length > 0).map((s) => s.name);
    for (const name of systems) expect(provisioning?.content).toContain(`folder: ${name}\n`);
  });
});

describe.each(CORPORA)('the real dashboards of test/%s', (corpus) => {
  const dir = corpusDir('grafana-dashboards', corpus);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('are the dashboards its README counts', () => {
    expect(names).toHaveLength({ corpus: 30, 'corpus-2': 49 }[corpus]);
  });

  it.each(names)('%s: linted without a crash, every Prometheus query parses after variable expansion', (name) => {
    const lint = lintDashboard(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    expect(lint.queries.length + lint.issues.length).toBeGreaterThan(0);
    for (const query of lint.queries)
      expect(() => parsePromql(query.expanded), `${query.panel}: ${query.text}`).not.toThrow();
  });
});

describe('data sources are followed through target, panel and variables', () => {
  const variables = [
    { name: 'datasource', type: 'datasource', query: 'prometheus' },
    { name: 'logs', type: 'datasource', query: 'loki' },
  ];
  const board = (panels: unknown[]) => ({
    uid: 'ds',
    editable: false,
    templating: { list: variables },
    panels: panels.map((panel, index) => ({
      id: index + 1,
      type: 'timeseries',
      title: `p${index}`,
      ...(panel as object),
    })),
  });
  const analysed = (panels: unknown[]) => lintDashboard(board(panels)).queries.map((q) => q.text);
  const loki = 'sum(count_over_time({app="shop"} |= "error" [5m]))';

  it.each([
    ['a Loki variable on the panel', { datasource: '$logs', targets: [{ expr: loki }] }],
    ['a Loki variable as ${} in an object uid', { datasource: { uid: '${logs}' }, targets: [{ expr: loki }] }],
    ['a typed Loki data source on the target', { targets: [{ datasource: { type: 'loki', uid: 'abc' }, expr: loki }] }],
    [
      'a Loki target in a mixed panel',
      { datasource: { type: 'datasource', uid: '-- Mixed --' }, targets: [{ datasource: '[[logs]]', expr: loki }] },
    ],
    ['an empty query, which Grafana never sends', { datasource: '$datasource', targets: [{ expr: '  ' }] }],
  ])('%s is not analysed as PromQL', (_, panel) => {
    expect(analysed([panel])).toEqual([]);
  });

  it('PromQL stays analysed: a Prometheus variable, a typed Prometheus source, the default source', () => {
    expect(
      analysed([
        { datasource: { type: 'prometheus', uid: '${datasource}' }, targets: [{ expr: 'up' }] },
        { targets: [{ datasource: '$datasource', expr: 'up == 0' }] },
        { targets: [{ expr: 'up > 1' }] },
        { datasource: { uid: '-- Mixed --' }, targets: [{ datasource: { type: 'prometheus' }, expr: 'up < 1' }] },
      ]),
    ).toEqual(['up', 'up == 0', 'up > 1', 'up < 1']);
  });
});

describe('alert ↔ dashboard links', () => {
  const board = dashboard('errors', {
    title: 'Errors',
    rows: [
      row('R', [
        timeseries('Error ratio', 'sum(rate(request_count_total{status_code="500"}[$__rate_interval]))', {
          unit: 'reqps',
          description: 'd',
        }),
      ]),
    ],
  });
  const compileWith = (link: AlertSpec['dashboard']) =>
    compileProject(
      project({
        grafanaBaseUrl: 'https://grafana.shop.test/',
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            dashboards: [board],
            rules: [
              ruleGroup('alerts', { rules: [alert('CheckoutErrors', { ...shopErrorAlert(), dashboard: link })] }),
            ],
          }),
        ],
      }),
    );

  it("writes dashboard_url from the dashboard's uid and the panel's id, into the rule and its test", () => {
    const compiled = compileWith({ dashboard: board, panel: 'Error ratio' });
    expect(compiled.findings).toEqual([]);
    const url = 'dashboard_url: https://grafana.shop.test/d/shop-errors/errors?viewPanel=2';
    expect(compiled.files.find((f) => f.path === 'prometheus/shop/alerts.rules.yml')?.content).toContain(url);
    expect(compiled.files.find((f) => f.path === 'prometheus/shop/tests/alerts.test.yml')?.content).toContain(url);
  });

  it.each([
    [{ dashboard: 'nope' }, 'dashboard "nope"'],
    [{ dashboard: board, panel: 'Latency' }, 'panel "Latency"'],
  ] as const)('reports alert/dashboard-link for %o', (link, what) => {
    const compiled = compileWith(link);
    expect(compiled.findings.map((f) => `${f.rule} ${f.subject}`)).toEqual([
      'alert/dashboard-link shop/alert/CheckoutErrors',
    ]);
    expect(compiled.findings[0]?.message).toContain(what);
  });
});

describe('layout sketches', () => {
  const compiled = compileProject(definitions);
  it('draw every panel of every dashboard at its grid position, with its title and type', () => {
    const boards = compiled.files.filter((f) => f.path.startsWith('grafana/') && f.path.endsWith('.json'));
    expect(boards.length).toBeGreaterThan(0);
    for (const board of boards) {
      const json = JSON.parse(board.content) as {
        uid: string;
        panels: { id: number; type: string; title: string; gridPos: { x: number; y: number } }[];
      };
      const system = board.path.split('/')[1];
      const svg = compiled.files.find((f) => f.path === `reports/dashboards/${system}/${json.uid}.svg`)?.content ?? '';
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), board.path).toBe(true);
      for (const panel of json.panels.filter((p) => p.type !== 'row')) {
        expect(svg, `${board.path} ${panel.title}`).toContain(
          `<rect x="${8 + panel.gridPos.x * 40 + 2}" y="${8 + 32 + panel.gridPos.y * 30 + 2}"`,
        );
        expect(svg).toContain(`${panel.type} #${panel.id}<`);
      }
    }
  });
});

describe("Grafana's variable expansion, one implementation (linter and obsgen promql)", () => {
  const base = (panels: unknown[], variables: unknown[] = [], extra: Record<string, unknown> = {}) => ({
    uid: 'u',
    editable: false,
    templating: { list: [{ name: 'datasource', type: 'datasource' }, ...variables] },
    panels,
    ...extra,
  });
  const panel = (expr: string, id = 1) => ({
    id,
    type: 'timeseries',
    title: `p${id}`,
    description: 'd',
    fieldConfig: { defaults: { unit: 's' } },
    targets: [{ refId: 'A', expr }],
  });

  it('legacy rows (schemaVersion < 16) are containers, not panels', () => {
    const legacy = {
      uid: 'u',
      editable: false,
      schemaVersion: 14,
      templating: { list: [{ name: 'datasource', type: 'datasource' }] },
      rows: [
        { title: 'Row', panels: [panel('up', 1)] },
        { title: 'Other', panels: [panel('up', 2)] },
      ],
    };
    const lint = lintDashboard(legacy);
    expect(lint.issues).toEqual([]);
    expect(lint.queries.map((q) => q.panel)).toEqual(['p1', 'p2']);
  });

  it('$1 and ${1} in a label_replace replacement are back-references, not variables', () => {
    const lint = lintDashboard(
      base([
        panel('label_replace(up, "a", "$1", "job", "(.*)")', 1),
        panel('label_replace(up, "a", "${1}-x", "job", "(.*)")', 2),
      ]),
    );
    expect(lint.issues).toEqual([]);
    expect(lint.queries.every((q) => q.ast !== undefined)).toBe(true);
  });

  it.each([
    ['textbox', { name: 'k', type: 'textbox', query: '5' }],
    ['constant', { name: 'k', type: 'constant', query: '5' }],
    ['custom', { name: 'k', type: 'custom', query: '5,10,20' }],
    [
      'query with a current value',
      { name: 'k', type: 'query', query: 'label_values(x)', current: { text: '5', value: '5' } },
    ],
  ])('a %s variable is substituted before parsing: topk($k, …)', (_kind, variable) => {
    const lint = lintDashboard(base([panel('topk($k, rate(http_requests_total[$__rate_interval]))')], [variable]));
    expect(lint.issues).toEqual([]);
    expect(lint.queries[0]?.expanded).toBe('topk(5, rate(http_requests_total[4m37s]))');
  });
});

describe('dashboard/unit-mismatch', () => {
  const latency = catalog('shop', {
    scrapeInterval: '15s',
    instances: 1,
    labels: { code: oneOf('200', '500') },
    metrics: {
      requests_total: counter({ help: 'Requests.', labels: ['code'] }),
      request_duration_seconds: histogram({
        help: 'Latency.',
        unit: 'seconds',
        labels: ['code'],
        buckets: [0.1, 0.5, 1],
      }),
      queue_bytes: gauge({ help: 'Queue size.', unit: 'bytes', labels: ['code'] }),
    },
  });
  const m = latency.metrics;
  const errorRatio = div(sum(rate(m.requests_total.where({ code: '500' }), '5m')), sum(rate(m.requests_total, '5m')));
  const p95 = histogramQuantile(0.95, m.request_duration_seconds, { by: [] });
  const findings = (unit: string, query: Parameters<typeof timeseries>[1]) =>
    compileProject(
      project({
        systems: [
          system({
            catalog: latency,
            dashboards: [
              dashboard('d', {
                title: 'D',
                rows: [row('R', [timeseries('Panel', query, { unit, description: 'x' })])],
              }),
            ],
          }),
        ],
      }),
    )
      .findings.filter((f) => f.rule === 'dashboard/unit-mismatch')
      .map((f) => f.message);

  it.each([
    ['ms', p95, 'seconds with unit ms'],
    ['percent', errorRatio, 'ratio with unit percent'],
    ['kbytes', m.queue_bytes, 'bytes with unit kbytes'],
  ] as const)('unit %s on what the query measures is an error', (unit, query, message) => {
    expect(findings(unit, query)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['s', p95],
    ['percentunit', errorRatio],
    ['bytes', m.queue_bytes],
    ['reqps', sum(rate(m.requests_total, '5m'))],
  ] as const)('unit %s fits', (unit, query) => {
    expect(findings(unit, query)).toEqual([]);
  });
});

describe('panel sdk pass-through', () => {
  const shop = catalog('shop', {
    scrapeInterval: '15s',
    instances: 1,
    labels: {},
    metrics: {
      request_duration_seconds: histogram({ help: 'Latency.', unit: 'seconds', labels: [], buckets: [0.1, 0.5, 1] }),
    },
  });
  const p95 = histogramQuantile(0.95, shop.metrics.request_duration_seconds, { by: [] });
  const build = (panel: ReturnType<typeof timeseries>) =>
    compileProject(
      project({
        systems: [system({ catalog: shop, dashboards: [dashboard('d', { title: 'D', rows: [row('R', [panel])] })] })],
      }),
    );
  const panelJson = (compiled: ReturnType<typeof build>) =>
    (
      JSON.parse(compiled.files.find((f) => f.path === 'grafana/shop/d.json')!.content) as {
        panels: { type: string; fieldConfig?: { defaults: { unit?: string; custom?: Record<string, unknown> } } }[];
      }
    ).panels.find((p) => p.type !== 'row')!;

  it("sets what the typed options lack, on the panel type's own builder, after obsgen's options", () => {
    const compiled = build(
      timeseries('Latency', p95, {
        unit: 's',
        description: 'p95.',
        sdk: (b) => b.lineWidth(3).fillOpacity(20).unit('s'),
      }),
    );
    expect(compiled.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(panelJson(compiled).fieldConfig?.defaults.custom).toMatchObject({ lineWidth: 3, fillOpacity: 20 });
  });

  it('is checked like the rest: a unit set through it that misreads the query is dashboard/unit-mismatch', () => {
    const compiled = build(timeseries('Latency', p95, { unit: 's', description: 'p95.', sdk: (b) => b.unit('ms') }));
    expect(panelJson(compiled).fieldConfig?.defaults.unit).toBe('ms');
    expect(compiled.findings.map((f) => f.rule)).toContain('dashboard/unit-mismatch');
  });
});
