// End to end with the real Prometheus (Debian's, installed by scripts/ensure-tools.sh): it loads
// every generated rule file and scrapes a synthetic exporter whose series follow the catalogs;
// every rule must evaluate without error and every Prometheus query of every generated
// dashboard must return data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/cli/free-port.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { lintDashboard } from '../src/grafana/lint-dashboard.ts';
import definitions from '../definitions/index.ts';
import { exposition } from './support/synthetic-exporter.ts';
import { selectedLabelValues } from '../src/live/selected-label-values.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { parse as parseYaml } from 'yaml';
import { obsgenAsync } from './support/live-prometheus.ts';
import { repositoryScratch } from './support/repository-scratch.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const GENERATED = path.join(REPO, 'generated');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every Prometheus query of every generated dashboard, after variable expansion. */
function dashboardQueries(): {
  key: string;
  expanded: string;
  ast: ReturnType<typeof lintDashboard>['queries'][number]['ast'];
}[] {
  return files(path.join(GENERATED, 'grafana'), '.json').flatMap((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!('panels' in json)) return [];
    return lintDashboard(json, { classicHistograms: true }).queries.map((q) => ({
      key: `${path.relative(GENERATED, file)} ${q.panel} ${q.refId}`,
      expanded: q.expanded,
      ast: q.ast,
    }));
  });
}

describe('generated rules and dashboards on a real Prometheus', () => {
  let exporter: Server;
  let prometheus: ChildProcess;
  let api: string;
  let base: string;
  let scratch: string;
  let log = '';

  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${api}${route}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${route}: ${body.error ?? response.status}`);
    return body.data;
  };

  beforeAll(async () => {
    const binary = locateTool('prometheus');
    if (binary === undefined) throw new Error(missingToolMessage('prometheus'));
    scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-e2e-'));
    const started = Date.now();
    const catalogs = new Map(definitions.systems.map((system) => [system.name, system.catalog]));
    const ruleExprs = files(path.join(GENERATED, 'prometheus'), '.rules.yml').flatMap((file) =>
      (parseYaml(readFileSync(file, 'utf8')) as { groups: { rules: { expr: string }[] }[] }).groups.flatMap((g) =>
        g.rules.map((r) => parsePromql(r.expr)),
      ),
    );
    const selected = selectedLabelValues([
      ...ruleExprs,
      ...dashboardQueries().flatMap((q) => (q.ast === undefined ? [] : [q.ast])),
    ]);
    exporter = createServer((request, response) => {
      const catalog = catalogs.get((request.url ?? '').replace(/^\/metrics\//, ''));
      if (catalog === undefined) return void response.writeHead(404).end();
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(exposition(catalog, (Date.now() - started) / 1000 + 60, selected));
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const exporterPort = (exporter.address() as { port: number }).port;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = `${base}/api/v1`;
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      // Each rule file as generated, but every group evaluated every second (slow groups, such as an
      // SLO's period group at 5m, would otherwise not have run within the test).
      rule_files: files(path.join(GENERATED, 'prometheus'), '.rules.yml').map((file, index) => {
        const copy = path.join(scratch, `rules-${index}.yml`);
        writeFileSync(copy, readFileSync(file, 'utf8').replace(/^(\s+)interval: .*$/gm, '$1interval: 1s'));
        return copy;
      }),
      scrape_configs: [
        { job_name: 'prometheus', static_configs: [{ targets: [`127.0.0.1:${port}`] }] },
        ...definitions.systems.map((system) => ({
          job_name: system.name,
          metrics_path: `/metrics/${system.name}`,
          static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
        })),
      ],
    };
    // Prometheus reads YAML, and JSON is YAML.
    writeFileSync(path.join(scratch, 'prometheus.yml'), JSON.stringify(config));
    prometheus = spawn(
      binary,
      [
        `--config.file=${path.join(scratch, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(scratch, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    for (let i = 0; ; i++) {
      if (prometheus.exitCode !== null) throw new Error(`prometheus exited ${prometheus.exitCode}:\n${log}`);
      const ready = await fetch(`http://127.0.0.1:${port}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 100) throw new Error(`prometheus did not become ready:\n${log}`);
      await sleep(200);
    }
    // Enough scrapes for rate() and enough evaluations for recordings that read recordings.
    for (let i = 0; i < 60; i++) {
      const groups = await get<{ groups: { rules: { health: string }[] }[] }>('/rules');
      const up = await get<{ result: unknown[] }>('/query?query=up%20%3D%3D%201');
      if (
        groups.groups.every((g) => g.rules.every((r) => r.health !== 'unknown')) &&
        up.result.length === definitions.systems.length + 1 &&
        i >= 12
      )
        break;
      await sleep(500);
    }
    await sleep(4000);
  }, 120_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await new Promise((resolve) =>
      prometheus?.exitCode !== null ? resolve(undefined) : prometheus.once('exit', resolve),
    );
    exporter?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('loads every generated rule file and evaluates every rule without error', async () => {
    const { groups } = await get<{
      groups: { name: string; file: string; rules: { name: string; health: string; lastError?: string }[] }[];
    }>('/rules');
    const expectedGroups = files(path.join(GENERATED, 'prometheus'), '.rules.yml').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^ {2}- name: (.+)$/gm)].map((m) => m[1]),
    );
    expect(groups.map((g) => g.name).sort()).toEqual([...expectedGroups].sort());
    const unhealthy = groups.flatMap((g) =>
      g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`),
    );
    expect(unhealthy).toEqual([]);
    expect(groups.reduce((n, g) => n + g.rules.length, 0)).toBeGreaterThan(200);
  });

  it('obsgen verify holds definitions/ against the Prometheus fed from its catalogs: no error', async () => {
    const run = await obsgenAsync(['verify', '--prometheus', base, '--format', 'json']);
    const findings = (
      JSON.parse(run.stdout || '{"findings":[]}') as { findings: { rule: string; severity: string; message: string }[] }
    ).findings;
    // The exporter emits every declared metric, label and oneOf value, and the rules are loaded.
    expect(findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`)).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });

  it("obsgen import catalog gives back each system's catalog, differing only where the exporter does", async () => {
    const dir = repositoryScratch('e2e-import');
    try {
      for (const system of definitions.systems) {
        const target = path.join(dir, `${system.name}.ts`);
        const run = await obsgenAsync([
          'import',
          'catalog',
          target,
          '--prometheus',
          base,
          '--match',
          `{job="${system.name}"}`,
          '--system',
          system.name,
        ]);
        expect(run.status, `${system.name}: ${run.stdout}${run.stderr}`).toBe(0);
        const imported = (await import(target)) as { default: typeof definitions };
        const catalog = imported.default.systems[0]!.catalog;
        // Kinds: an up-down counter is exposed as a gauge, the one type Prometheus has for it.
        const kinds = (c: typeof catalog) =>
          Object.fromEntries(c.metricList.map((m) => [m.name, m.kind === 'updowncounter' ? 'gauge' : m.kind]));
        expect(kinds(catalog), system.name).toEqual(kinds(system.catalog));
        for (const metric of system.catalog.metricList) {
          const back = catalog.metricList.find((m) => m.name === metric.name)!;
          expect([...back.labels].sort(), `${system.name} ${metric.name}`).toEqual([...metric.labels].sort());
          if (metric.kind === 'histogram')
            expect(back.spec.buckets, `${system.name} ${metric.name}`).toEqual(
              metric.spec.buckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            );
        }
        // Domains: a oneOf comes back as the same oneOf; a bounded or unbounded label as what the
        // exporter emits of it (the values queries select and three made up), not its bound.
        for (const [label, domain] of Object.entries(system.catalog.labels)) {
          const back = catalog.labels[label];
          if (back === undefined) continue; // declared but on no metric: nothing to measure
          if (domain.kind === 'oneOf')
            expect(back, `${system.name} ${label}`).toMatchObject({ kind: 'oneOf', values: [...domain.values].sort() });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every Prometheus query of every generated dashboard returns data', async () => {
    const empty: string[] = [];
    const queries = dashboardQueries();
    for (const query of queries) {
      const data = await get<{ result: unknown[] }>(`/query?query=${encodeURIComponent(query.expanded)}`);
      if (data.result.length === 0) empty.push(`${query.key}: ${query.expanded}`);
    }
    const queried = queries.length;
    expect(queried).toBeGreaterThan(150);
    expect(empty).toEqual([]);
  });
});
