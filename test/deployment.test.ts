// Deployment formats: PrometheusRule, Mimir ruler namespaces, sidecar ConfigMaps and GrafanaDashboard
// resources, each checked against its schema (deploy/* findings at the deployment() line) and, where
// a real tool reads the same groups, by promtool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileProject, type Compilation } from '../src/pipeline/build-project.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { resourceProblems, type KubernetesObject } from '../src/kubernetes/resource-problems.ts';
import { alert, gt, vector } from '../src/index.ts';
import { deploymentProject, type DeploymentFixture } from './fixtures/deployment-project.ts';
import { lineOf } from './support/compile.ts';
import { obsgen } from './support/cli.ts';

const FIXTURE = 'test/fixtures/deployment-project.ts';
const ALL: DeploymentFixture['deploy'] = {
  prometheusOperator: { namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
  mimir: { namespacePrefix: 'team-' },
  grafanaSidecar: { namespace: 'monitoring' },
  grafanaOperator: { namespace: 'grafana', instanceSelector: { dashboards: 'grafana' }, resyncPeriod: '10m' },
};

function build(fixture: DeploymentFixture): Compilation {
  return compileProject(deploymentProject(fixture));
}

function fileOf(compilation: Compilation, file: string): Record<string, unknown> {
  const found = compilation.files.find((f) => f.path === file);
  if (found === undefined)
    throw new Error(`${file} was not generated: ${compilation.files.map((f) => f.path).join(', ')}`);
  return parseYaml(found.content) as Record<string, unknown>;
}

function deployFindings(compilation: Compilation): string[] {
  return compilation.findings
    .filter((f) => f.rule.startsWith('deploy/'))
    .map((f) => `${f.severity} ${f.rule} ${f.at.file}:${f.at.line} ${f.message}`);
}

function promtoolCheckRules(groups: unknown): { status: number | null; output: string } {
  const binary = locateTool('promtool');
  if (binary === undefined) throw new Error(missingToolMessage('promtool'));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-deploy-')), 'groups.yml');
  writeFileSync(file, JSON.stringify({ groups }));
  const result = spawnSync(binary, ['check', 'rules', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('every deployment format of a project', () => {
  const compilation = build({ deploy: ALL });
  const deploymentLine = lineOf(readFileSync(FIXTURE, 'utf8'), 'deployment: deployment(deploy)');

  it('builds without a finding, each object accepted by its schema', () => {
    expect(deployFindings(compilation)).toEqual([]);
    const objects = compilation.files
      .filter((f) => f.path.startsWith('kubernetes/'))
      .map((f) => parseYaml(f.content) as KubernetesObject);
    // The overview dashboard and the SLO dashboards, each as a ConfigMap and a GrafanaDashboard.
    const kinds = objects.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'PrometheusRule')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'ConfigMap')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'GrafanaDashboard')).toHaveLength(3);
    for (const object of objects) expect(resourceProblems(object)).toEqual([]);
  });

  it('writes one PrometheusRule per system with every group, SLO groups included, that promtool accepts', () => {
    const rule = fileOf(compilation, 'kubernetes/prometheus-rules/shop.yaml') as {
      metadata: Record<string, unknown>;
      spec: { groups: { name: string }[] };
    };
    expect(rule.metadata).toEqual({
      name: 'shop',
      namespace: 'monitoring',
      labels: {
        'app.kubernetes.io/managed-by': 'obsgen',
        'app.kubernetes.io/part-of': 'shop',
        release: 'kube-prometheus-stack',
      },
    });
    const plain = compilation.files
      .filter((f) => f.path.startsWith('prometheus/shop/') && f.path.endsWith('.rules.yml'))
      .flatMap((f) => (parseYaml(f.content) as { groups: unknown[] }).groups);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...rule.spec.groups].sort(byName)).toEqual([...(plain as { name: string }[])].sort(byName));
    expect(rule.spec.groups.map((g) => g.name)).toContain('shop-alerts');
    expect(rule.spec.groups.some((g) => g.name.startsWith('slo-availability'))).toBe(true);
    const verdict = promtoolCheckRules(rule.spec.groups);
    expect(verdict.output).toContain('SUCCESS');
    expect(verdict.status).toBe(0);
  });

  it('writes a Mimir namespace file mimirtool loads, whose groups promtool accepts', () => {
    const namespace = fileOf(compilation, 'mimir/team-shop.yaml') as { namespace: string; groups: unknown[] };
    expect(Object.keys(namespace)).toEqual(['namespace', 'groups']);
    expect(namespace.namespace).toBe('team-shop');
    expect(promtoolCheckRules(namespace.groups).status).toBe(0);
  });

  it('writes the dashboard as a sidecar ConfigMap and a GrafanaDashboard holding the JSON of generated/grafana/', () => {
    const json = compilation.files.find((f) => f.path === 'grafana/shop/overview.json')!.content;
    const configMap = fileOf(
      compilation,
      'kubernetes/grafana-dashboards/shop/grafana-dashboard-shop-overview.yaml',
    ) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      data: Record<string, string>;
    };
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    expect(configMap.metadata.annotations).toEqual({ grafana_folder: 'shop' });
    expect(configMap.data).toEqual({ 'overview.json': json });
    const resource = fileOf(compilation, 'kubernetes/grafana-operator/shop/shop-overview.yaml') as {
      spec: Record<string, unknown>;
    };
    expect(resource.spec).toEqual({
      instanceSelector: { matchLabels: { dashboards: 'grafana' } },
      folder: 'shop',
      resyncPeriod: '10m',
      json,
    });
  });

  it('writes nothing of a format the project does not ask for', () => {
    const none = build({ deploy: {} });
    expect(none.files.filter((f) => f.path.startsWith('kubernetes/') || f.path.startsWith('mimir/'))).toEqual([]);
    expect(deploymentLine).toBeGreaterThan(0);
  });
});

describe('what the API server, the CRD or the ruler would refuse is an error at the deployment() line', () => {
  const at = `${FIXTURE}:${lineOf(readFileSync(FIXTURE, 'utf8'), 'deployment: deployment(deploy)')}`;

  it.each([
    [
      'a namespace that is not a DNS label',
      { prometheusOperator: { namespace: 'Monitoring_NS' } },
      'PrometheusRule metadata.namespace "Monitoring_NS" is not a DNS-1123 label',
    ],
    [
      'a label value Kubernetes refuses',
      { prometheusOperator: { namespace: 'monitoring', labels: { release: 'kube prometheus' } } },
      'is not a valid label value',
    ],
    [
      'a label key Kubernetes refuses',
      { grafanaSidecar: { namespace: 'monitoring', label: 'grafana dashboard' } },
      'ConfigMap metadata.labels key "grafana dashboard" is not a qualified name',
    ],
    [
      'a resync period that is not a Go duration',
      { grafanaOperator: { namespace: 'grafana', instanceSelector: { a: 'b' }, resyncPeriod: '5 minutes' } },
      'GrafanaDashboard spec.resyncPeriod must match pattern',
    ],
    [
      'a Mimir namespace that is not a plain name',
      { mimir: { namespacePrefix: 'team a/' } },
      'namespace "team a/shop" is not a plain name',
    ],
  ] as const)('%s', (_, deploy, message) => {
    const compilation = build({ deploy: deploy as DeploymentFixture['deploy'] });
    const found = deployFindings(compilation);
    // One finding per mistake, however many objects repeat the setting.
    expect(found).toHaveLength(1);
    expect(found.every((f) => f.startsWith('error deploy/') && f.includes(` ${at} `))).toBe(true);
    expect(found.join('\n')).toContain(message);
  });

  it('a rule group larger than the ruler allows', () => {
    const extraRules = Array.from({ length: 20 }, (_, i) =>
      alert(`ShopErrors${i}`, {
        expr: gt(vector(1), 0),
        severity: 'warning',
        summary: 'Filler.',
        description: 'Filler.',
        allow: [
          { rule: 'rule/untested', reason: 'filler' },
          { rule: 'alert/no-comparison', reason: 'filler' },
        ],
      }),
    );
    const found = deployFindings(build({ deploy: { mimir: {} }, extraRules }));
    expect(found.join('\n')).toContain('group shop-alerts has 21 rules; the ruler refuses groups of more than 20');
    expect(deployFindings(build({ deploy: { mimir: { maxRulesPerGroup: 50 } }, extraRules }))).toEqual([]);
  });

  it('a dashboard too large for kubectl apply is a warning; one too large for a ConfigMap an error', () => {
    const large = deployFindings(build({ deploy: { grafanaSidecar: { namespace: 'monitoring' } }, panels: 250 }));
    expect(large).toEqual([
      expect.stringMatching(
        /^warning deploy\/resource .*ConfigMap is \d+ bytes: `kubectl apply` without --server-side fails/,
      ),
    ]);
    const huge = deployFindings(build({ deploy: { grafanaSidecar: { namespace: 'monitoring' } }, panels: 1100 }));
    expect(huge.join('\n')).toMatch(
      /error deploy\/resource .*ConfigMap data is \d+ bytes; a ConfigMap holds at most 1048576/,
    );
  });
});

describe('the schemas are the published ones, not a permissive stand-in', () => {
  const base = build({ deploy: ALL });
  const objects = base.files
    .filter((f) => f.path.startsWith('kubernetes/'))
    .map((f) => parseYaml(f.content) as Record<string, unknown>);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutations reach into arbitrary fields
  type Loose = Record<string, any>;
  const byKind = (kind: string): Loose => structuredClone(objects.find((o) => o.kind === kind)!) as Loose;

  it.each([
    [
      'PrometheusRule',
      (o: Loose): unknown => (o.spec.groups[0].interval = '1 minute'),
      'spec.groups.0.interval must match pattern',
    ],
    ['PrometheusRule', (o: Loose): unknown => (o.spec.groups[0].rules[0].labels.severity = 3), 'must be string'],
    [
      'PrometheusRule',
      (o: Loose): unknown => delete o.spec.groups[0].name,
      'spec.groups.0 must have required property name',
    ],
    [
      'ConfigMap',
      (o: Loose): unknown => (o.data['overview.json'] = { nested: true }),
      'data.overview.json must be string',
    ],
    [
      'ConfigMap',
      (o: Loose): unknown => (o.data['a/b.json'] = '{}'),
      'data key "a/b.json" is not a valid ConfigMap key',
    ],
    [
      'GrafanaDashboard',
      (o: Loose): unknown => delete o.spec.instanceSelector,
      "must have required property 'instanceSelector'",
    ],
    ['GrafanaDashboard', (o: Loose): unknown => (o.spec.folderUID = 'x'), 'spec sets folder and folderUID'],
    ['GrafanaDashboard', (o: Loose): unknown => (o.spec.url = 'https://x'), 'spec must set exactly one of json'],
    ['GrafanaDashboard', (o: Loose): unknown => (o.spec.foldr = 'x'), 'must NOT have additional properties (foldr)'],
  ] as const)('%s: %s', (kind, mutate, message) => {
    const object = byKind(kind);
    mutate(object);
    expect(
      resourceProblems(object as unknown as KubernetesObject)
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });
});

describe('the packaged validators', () => {
  it("read Go patterns as RegExps exactly as re2-wasm does (the package bundle's choice, src/kubernetes/re2-regexp.ts)", async () => {
    const { createRequire } = await import('node:module');
    const bundled = (
      createRequire(import.meta.url)('../dist/kubernetes-validators.cjs') as {
        modelValidators: typeof import('../src/kubernetes/model-validators.ts').modelValidators;
      }
    ).modelValidators();
    const { modelValidators } = await import('../src/kubernetes/model-validators.ts');
    const source = modelValidators();
    const key = 'monitoring.coreos.com/v1 PrometheusRule';
    const verdict = (validate: (o: object) => void, strategy: string): boolean => {
      try {
        validate({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: { name: 'a' },
          spec: { groups: [{ name: 'g', partial_response_strategy: strategy, interval: '1m', rules: [] }] },
        });
        return true;
      } catch {
        return false;
      }
    };
    const strategies = ['warn', 'Abort', 'WARN', '', 'bogus', 'warn ', 'abortwarn', 'ab'];
    expect(strategies.map((s) => verdict(bundled.get(key)!, s))).toEqual(
      strategies.map((s) => verdict(source.get(key)!, s)),
    );
    expect(strategies.map((s) => verdict(bundled.get(key)!, s))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('definitions that import the sources, loaded as CommonJS', () => {
  it('build their Kubernetes objects, the validators read from their own bundle', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-deploy-cjs-')), 'generated');
    const built = obsgen('build', '--definitions', 'test/fixtures/cli/deployment-from-sources.ts', '--out', out);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(readFileSync(path.join(out, 'kubernetes/prometheus-rules/shop.yaml'), 'utf8')).toContain(
      'kind: PrometheusRule',
    );
  });
});
