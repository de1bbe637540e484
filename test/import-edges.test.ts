// obsgen import keeps everything or says what it did not keep: rule files read as Prometheus reads
// them, other query languages left out with why, dashboards with their uid, links and field
// settings, OpenSLO objects however a file holds them.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignDialect } from '../src/import/foreign-dialect.ts';
import { importDashboard } from '../src/import/import-dashboard.ts';
import { obsgen } from './support/cli.ts';
import { repositoryScratch } from './support/repository-scratch.ts';

describe('foreignDialect', () => {
  it.each([
    ['sum(rate(x[5m])) keep_metric_names', 'MetricsQL'],
    ['rollup_rate(x[5m])', 'MetricsQL'],
    ['WITH (f = x) f > 1', 'MetricsQL'],
    ['(a or b) default 0', 'MetricsQL'],
    ['sum(count_over_time({app="x"} |= "error" [5m]))', 'LogQL'],
    ['{app="x"} | json | level="error"', 'LogQL'],
    ['SELECT count(*) FROM requests WHERE code >= 500', 'SQL'],
    ['sum by (job) (rate(http_requests_total[5m])) > 1', undefined],
    ['rate(x[5m]', undefined],
  ] as const)('%s is %s', (text, dialect) => {
    expect(foreignDialect(text)).toBe(dialect);
  });
});

describe('obsgen import rules on a file with other dialects and go-yaml quoting', () => {
  // Inside the repository, so the module's `import 'obsgen'` resolves to this package.
  const dir = repositoryScratch('import-dialects');
  const target = path.join(dir, 'checkout.ts');
  const run = obsgen('import', 'rules', 'test/fixtures/import/dialects.rules.yml', target, '--system', 'checkout');

  it('imports what is PromQL, leaves the rest out with why, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('left out, not PromQL that Prometheus loads (2):');
    expect(run.stdout).toContain(
      '  CheckoutErrorsVictoria: MetricsQL, not PromQL (unexpected "keep_metric_names"): sum(rate(http_requests_total{code=~"5.."}[5m])) keep_metric_names > 1',
    );
    expect(run.stdout).toMatch(
      / {2}CheckoutErrorLogs: LogQL, not PromQL \(.*\): sum\(count_over_time\(\{app="checkout"\} \|= "error" \[5m\]\)\) > 10/,
    );
    const source = readFileSync(target, 'utf8');
    expect(source).not.toContain('keep_metric_names');
    expect(source).not.toMatch(/allow: \[[^\]]*promql\/syntax/);
  });

  it('reads the quoted annotation as Prometheus does (the newline folded into a space)', () => {
    expect(readFileSync(target, 'utf8')).toContain(
      "description: '{{ $labels.instance }} has been down for 5 minutes.'",
    );
  });

  it('builds with no error, and promtool loads what it writes', () => {
    const out = path.join(dir, 'generated');
    const built = obsgen('build', '--definitions', target, '--out', out);
    expect(built.stdout).toContain('0 errors');
    expect(built.status).toBe(0);
    const tested = obsgen('test', '--definitions', target, '--out', out);
    expect(tested.stdout).toMatch(/promtool: (\d+) of \1 rule files load/);
  }, 120_000);
});

describe('obsgen import dashboard keeps what a dashboard says, or lists it', () => {
  const dir = repositoryScratch('import-kept');
  const target = path.join(dir, 'checkout.ts');
  const fixture = 'test/fixtures/import/kept.dashboard.json';
  const run = obsgen('import', 'dashboard', fixture, target, '--system', 'checkout');

  it('lists exactly what it could not carry', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'not carried over (2):\n  panel "Up": a special value mapping\n  field config color: 1 panel ("Up")\n',
    );
  });

  it('the rebuilt dashboard has its uid, links, thresholds, mappings, decimals and overrides', () => {
    const out = path.join(dir, 'generated');
    const built = obsgen('build', '--definitions', target, '--out', out);
    expect(built.status, built.stdout).toBe(0);
    const original = JSON.parse(readFileSync(fixture, 'utf8')) as {
      panels: { fieldConfig: { defaults: Record<string, unknown>; overrides: unknown[] } }[];
    };
    const rebuilt = JSON.parse(readFileSync(path.join(out, 'grafana/checkout/checkout.json'), 'utf8')) as {
      uid: string;
      links: Record<string, unknown>[];
      panels: { type: string; fieldConfig: { defaults: Record<string, unknown>; overrides: unknown[] } }[];
    };
    expect(rebuilt.uid).toBe('checkout-main');
    expect(rebuilt.links.map((l) => [l.title, l.url ?? l.tags])).toEqual([
      ['Runbook', 'https://runbooks.example.com/checkout'],
      ['Related', ['checkout']],
    ]);
    const panel = rebuilt.panels.find((p) => p.type === 'stat')!;
    const defaults = original.panels[0]!.fieldConfig.defaults;
    expect(panel.fieldConfig.defaults.thresholds).toEqual(defaults.thresholds);
    expect(panel.fieldConfig.defaults.decimals).toBe(0);
    expect(panel.fieldConfig.overrides).toEqual(original.panels[0]!.fieldConfig.overrides);
    expect(JSON.stringify(panel.fieldConfig.defaults.mappings)).toContain('"down"');
    expect(JSON.stringify(panel.fieldConfig.defaults.mappings)).toContain('"many"');
  }, 120_000);
});

describe('importDashboard reads every panel and variable, or lists it', () => {
  const dashboard = {
    uid: 'mixed',
    title: 'Mixed',
    rows: [],
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus' },
        { name: 'logs', type: 'datasource', query: 'loki' },
        { name: 'k', type: 'textbox', query: '10', current: { value: '10' } },
        { name: 'env', type: 'constant', query: 'prod' },
      ],
    },
    panels: [
      { id: 1, type: 'timeseries', title: 'Top', targets: [{ expr: 'topk($k, sum by (job) (up{env="$env"}))' }] },
      {
        id: 2,
        type: 'row',
        title: 'Logs',
        collapsed: true,
        panels: [
          {
            id: 3,
            type: 'timeseries',
            title: 'Errors',
            datasource: '$logs',
            targets: [{ expr: 'sum(count_over_time({app="x"}[5m]))' }],
          },
          { id: 4, type: 'stat', title: 'Up', targets: [{ expr: 'sum(up)' }, { expr: '' }] },
        ],
      },
    ],
  };
  const imported = importDashboard(JSON.stringify(dashboard), 'mixed', new Map());

  it('an empty legacy rows list does not hide the panels; row panels keep their children', () => {
    expect(imported.counts.panels).toBe(3);
    expect(imported.source).toContain('topk($k, sum by (job) (up{env="$env"}))');
    expect(imported.source).toContain("'sum(up)'");
  });

  it('textbox and constant variables are carried; a Loki panel is listed, not imported as PromQL', () => {
    expect(imported.source).toContain("{ kind: 'textbox', name: 'k', value: '10' }");
    expect(imported.source).toContain("{ kind: 'constant', name: 'env', value: 'prod' }");
    expect(imported.source).not.toContain('count_over_time');
    expect(imported.lost).toContain('panel "Errors": no Prometheus query');
    expect(imported.lost).toContain('panel "Up": 1 targets of other data sources or empty');
  });
});

describe('obsgen import openslo reads the ways files hold several objects', () => {
  const dir = repositoryScratch('import-openslo-list');
  const fixture = 'test/fixtures/import/other-tool.openslo.yaml';
  const objects = parseAllDocuments(readFileSync(fixture, 'utf8')).map((document) => document.toJS() as unknown);
  const imported = (name: string, text: string) => {
    const input = path.join(dir, `${name}.yaml`);
    writeFileSync(input, text);
    const target = path.join(dir, `${name}.ts`);
    const run = obsgen('import', 'openslo', input, target, '--system', 'payments');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return readFileSync(target, 'utf8');
  };

  it('a YAML list of objects and a kind: List import as the documents do', () => {
    const documents = imported('documents', readFileSync(fixture, 'utf8'));
    expect(imported('list', stringify(objects))).toBe(documents);
    expect(imported('kind-list', stringify({ apiVersion: 'v1', kind: 'List', items: objects }))).toBe(documents);
  }, 120_000);
});
