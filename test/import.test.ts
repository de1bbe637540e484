// obsgen import: rule files, Sloth specs, OpenSLO and Grafana dashboards become definitions that
// build, whose rebuilt output is compared with the original the way Prometheus and Grafana read it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { importAndBuild } from '../src/cli/commands/import.ts';
import { loadDefinitions } from '../src/cli/load-definitions.ts';
import { importOpenslo } from '../src/import/import-openslo.ts';
import { importSloth } from '../src/import/import-sloth.ts';
import { compareRules } from '../src/import/rule-equivalence.ts';
import { opensloProblems } from '../src/openslo/openslo-schema.ts';
import { obsgen } from './support/cli.ts';
import { scratch, strictTsc } from './support/strict-tsc.ts';
import { CORPORA, corpusDir, type Corpus } from './support/corpus.ts';
import { importDashboardCorpus, importRuleCorpus, sum } from '../scripts/corpus-imports.ts';
import { sloProject } from './fixtures/import/slo-project.ts';

const FIXTURE = 'test/fixtures/import/shop.rules.yml';
/** docs/interchange.md with its lines joined, for figures that wrap. */
const DOCS = readFileSync('docs/interchange.md', 'utf8').replace(/\s+/g, ' ');

describe('obsgen import rules, as a user runs it', () => {
  const dir = scratch();
  const target = path.join(dir, 'shop.ts');
  const run = obsgen('import', 'rules', FIXTURE, target, '--system', 'shop');

  it('writes a definitions module that builds, and says what it guessed and what it could not carry', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`wrote ${target}: 3 typed queries, 1 as PromQL text`);
    expect(run.stdout).toContain('ShopQueueBacklog(>1k): renamed ShopQueueBacklog1k');
    // keep_firing_for is carried over (keepFiringFor), so it is not listed.
    expect(run.stdout).not.toContain('keep_firing_for');
    expect(run.stdout).toContain('ShopSlowRequests: severity page');
    // docs/interchange.md shows this run, as written to the default place.
    expect(readFileSync('docs/interchange.md', 'utf8')).toContain(
      run.stdout.replace(target, 'definitions/imported/shop.ts'),
    );
    const built = obsgen('build', '--definitions', target, '--out', path.join(dir, 'out'));
    expect(built.stdout).toContain('0 errors');
    expect(built.status).toBe(0);
  });

  it('writes typed queries where every part has a builder, PromQL text elsewhere, and marks each guess', () => {
    const source = readFileSync(target, 'utf8');
    expect(source).toContain(
      "expr: gt(sum(rate(m.http_requests_total.where({ code: { op: '=~', value: '5..' } }), '5m'), by('service')), 10)",
    );
    expect(source).toContain(
      "record('shop:http_requests:rate5m', sum(rate(m.http_requests_total, '5m'), by('service'))",
    );
    expect(source).toContain(
      "expr: gt(histogramQuantile(0.99, m.http_request_duration_seconds, { by: ['service'] }), 0.5)",
    );
    expect(source).toContain('expr: promql`predict_linear(shop_queue_depth[30m], 3600) > 1000`');
    expect(source).toContain('// review: a counter, as rate or increase reads it');
    expect(source).toContain('// review: a histogram, from the _bucket suffix');
    expect(source).toContain('// review: severity was "page"; obsgen\'s are critical, warning and info');
    expect(source).toContain("annotations: { runbook_url: 'https://runbooks.example.com/shop/errors' }");
    expect(source).toContain("keepFiringFor: '5m',");
  });

  it('rebuilds rules equal to the originals, except what it listed', () => {
    const out = path.join(dir, 'out', 'prometheus', 'shop');
    const rebuilt = readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8'));
    const comparison = compareRules(readFileSync(FIXTURE, 'utf8'), rebuilt, 'shop');
    expect(comparison.rules).toBe(4);
    expect(comparison.differences).toEqual([
      'shop-alerts/ShopSlowRequests: label severity: "page" → "critical"',
      'shop-alerts/ShopQueueBacklog(>1k): name ShopQueueBacklog(>1k) → ShopQueueBacklog1k',
      'shop-alerts/ShopQueueBacklog(>1k): annotation description: undefined → "ShopQueueBacklog1k"',
      'shop-alerts/ShopQueueBacklog(>1k): annotation summary: undefined → "ShopQueueBacklog1k"',
    ]);
  });

  it('type-checks under strict tsc, typed queries included', () => {
    expect(strictTsc(dir, { files: [target] })).toEqual({ status: 0, output: '' });
  });

  it('refuses what it cannot do with exit 2 and a sentence', () => {
    expect(obsgen('import', 'alerts', FIXTURE).stderr).toContain(
      'import takes one of rules, sloth, openslo, dashboard, not "alerts"',
    );
    expect(obsgen('import', 'rules', 'no-such-file.yml').status).toBe(2);
    const again = obsgen('import', 'rules', FIXTURE, target);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists; import writes a new file');
    const notSloth = obsgen('import', 'sloth', FIXTURE, path.join(dir, 'x.ts'));
    expect(notSloth.status).toBe(2);
    expect(notSloth.stderr).toContain('found no Sloth spec');
    expect(existsSync(path.join(dir, 'x.ts'))).toBe(false);
  });

  it.each([
    ['rules', 'groups: [unclosed', 'not YAML'],
    ['rules', 'scrape_configs: []\n', 'found no rule groups'],
    ['sloth', 'version: "prometheus/v1"\nslos: [', 'not YAML'],
    ['openslo', 'apiVersion: openslo/v1\nkind: Service\nmetadata: {name: x}\nspec: {}\n', 'found no OpenSLO SLO'],
    ['dashboard', '{"panels": [', 'not JSON'],
    ['dashboard', '{"title": "x"}', 'found no Grafana dashboard'],
  ])('%s: %j is refused with exit 2, a sentence and nothing written', (kind, content, message) => {
    const input = path.join(dir, `input-${kind}.txt`);
    writeFileSync(input, content);
    const out = path.join(dir, `refused-${kind}.ts`);
    const result = obsgen('import', kind, input, out);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('internal error');
    expect(existsSync(out)).toBe(false);
  });
});

/** The files each corpus README counts, and the docs line that reports its import (docs/interchange.md). */
const CORPUS_FILES: Record<Corpus, { readonly rules: number; readonly dashboards: number; readonly docs: string }> = {
  corpus: { rules: 143, dashboards: 30, docs: 'the corpus' },
  'corpus-2': { rules: 84, dashboards: 49, docs: 'the second corpus' },
};

describe.each(CORPORA)('importing the whole of test/%s', (corpus) => {
  const dir = scratch();
  const expected = CORPUS_FILES[corpus];
  const figures = DOCS.slice(DOCS.indexOf(`On ${expected.docs}`));

  it('every rule file builds, and every rebuilt expression, for and interval equals the original', async () => {
    const rules = await importRuleCorpus(dir, corpus);
    expect(rules).toHaveLength(expected.rules);
    expect(rules.flatMap((r) => r.errors.map((e) => `${r.file}: ${e}`))).toEqual([]);
    // What the import lists as not carried over: severities outside obsgen's three, missing
    // summaries and descriptions (filled in), alert names that cannot be file names.
    const unexplained = rules.flatMap((r) =>
      r.differences
        .filter((d) => !/: (label severity|annotation (summary|description|message)|name)[: ]/.test(d))
        .map((d) => `${r.file}: ${d}`),
    );
    expect(unexplained).toEqual([]);
    const exact = rules.filter((r) => r.equal === r.rules).length;
    expect(figures).toContain(
      `${rules.length} of ${rules.length} import and build with no error; ${exact} round-trip exactly; ${sum(rules, (r) => r.equal)} of ${sum(rules, (r) => r.rules)} rules are equal`,
    );
    expect(figures).toContain(
      `${sum(rules, (r) => r.typed)} queries became typed, ${sum(rules, (r) => r.promql)} stayed PromQL text`,
    );
  });

  it('every dashboard builds, and every Prometheus query of an imported panel is in the rebuilt panel as written', async () => {
    const dashboards = await importDashboardCorpus(dir, corpus);
    expect(dashboards).toHaveLength(expected.dashboards);
    expect(dashboards.flatMap((d) => d.errors.map((e) => `${d.file}: ${e}`))).toEqual([]);
    // A query may only be missing from a panel the import listed as not carried over.
    const unexplained = dashboards.flatMap((d) =>
      d.missing
        .filter((m) => !d.lost.some((l) => l.startsWith(`panel ${JSON.stringify(m.slice(0, m.indexOf(': ')))}`)))
        .map((m) => `${d.file}: ${m}`),
    );
    expect(unexplained).toEqual([]);
    expect(figures).toContain(
      `${dashboards.length} of ${dashboards.length} import and build with no error; ${sum(dashboards, (d) => d.kept)} of ${sum(dashboards, (d) => d.queries)} Prometheus queries`,
    );
    expect(figures).toContain(
      `${sum(dashboards, (d) => d.panelsImported)} of ${sum(dashboards, (d) => d.panels)} panels imported`,
    );
  });

  it('every imported module passes strict tsc: typed queries name labels their metrics have, no import unused', () => {
    // Runs after the two imports above, on the modules they wrote.
    expect(readdirSync(dir).filter((f) => f.endsWith('.ts')).length).toBe(expected.rules + expected.dashboards);
    expect(strictTsc(dir, { include: ['*.ts'] })).toEqual({ status: 0, output: '' });
  });
});

describe('OpenSLO', () => {
  const compiled = compileProject(sloProject);
  const exported = compiled.files.find((f) => f.path === 'openslo/checkout.yaml')!;

  it('exports every SLO as OpenSLO v1 objects the specification accepts', () => {
    const documents = parseAllDocuments(exported.content).map((d) => d.toJS() as { kind: string });
    expect(documents.map((d) => d.kind).filter((k) => k === 'SLO')).toHaveLength(sloProject.systems[0]!.slos.length);
    for (const document of documents) expect(opensloProblems(document)).toEqual([]);
  });

  it('round-trips: the import re-exports byte for byte and rebuilds the same SLO rules', async () => {
    const target = path.join(scratch(), 'checkout.ts');
    const { findings } = await importAndBuild((allows) => importOpenslo(exported.content, 'checkout', allows), target);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const rebuilt = compileProject(await loadDefinitions(target));
    expect(rebuilt.files.find((f) => f.path === exported.path)?.content).toBe(exported.content);
    const rules = (files: typeof compiled.files) =>
      files.filter((f) => f.path.startsWith('prometheus/checkout/slo-')).map((f) => [f.path, f.content] as const);
    for (const [file, content] of rules(compiled.files)) {
      const twin = rebuilt.files.find((f) => f.path === file);
      expect(compareRules(content, twin === undefined ? [] : [twin.content], 'checkout').differences, file).toEqual([]);
    }
  });

  it('reads a specification-shaped document from another tool: typed ratio, tiers from burn-rate policies', () => {
    const result = importOpenslo(readFileSync('test/fixtures/import/other-tool.openslo.yaml', 'utf8'), 'payments');
    expect(result.source).toContain(
      "sli: ratioSli({ errors: m.payments_requests_total.where({ code: { op: '=~', value: '5..' } }), total: m.payments_requests_total })",
    );
    expect(result.source).toContain("alerting: { page: { for: '2m' }, ticket: false, noData: false }");
    expect(result.source).toContain('objective: 99.5');
    expect(result.lost).toEqual([
      "availability: a burn-rate condition over 2h (obsgen's windows are 1h, 6h, 1d and 3d)",
    ]);
  });

  it("reads Sloth's OpenSLO v1alpha examples into SLOs that build", async () => {
    for (const file of ['openslo-getting-started.spec.yml', 'openslo-kubernetes-apiserver.spec.yml']) {
      const text = readFileSync(path.join(corpusDir('sloth'), file), 'utf8');
      const target = path.join(scratch(), 'alpha.ts');
      const { result, findings } = await importAndBuild((allows) => importOpenslo(text, 'alpha', allows), target);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.source).toContain('eventsSli(');
    }
  });
});

describe('obsgen import sloth', () => {
  it('reads both Sloth formats; every spec whose SLIs obsgen can express builds', async () => {
    const corpus = corpusDir('sloth');
    const outcomes: string[] = [];
    for (const file of readdirSync(corpus).filter((f) => f.endsWith('.spec.yml') && !f.startsWith('openslo-'))) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const target = path.join(scratch(), 'sloth.ts');
      const { result, findings } = await importAndBuild((allows) => importSloth(text, 'svc', allows), target);
      const errors = findings.filter((f) => f.severity === 'error').map((f) => f.rule);
      outcomes.push(
        `${file}: ${errors.length === 0 ? 'builds' : [...new Set(errors)].join(',')}${result.lost.some((l) => l.endsWith('not imported')) ? ' (an SLI left out)' : ''}`,
      );
    }
    expect(outcomes).toEqual([
      'contrib-denominator-corrected.spec.yml: builds',
      'contrib-slo-plugins.spec.yml: builds',
      'getting-started.spec.yml: builds',
      'home-wifi.spec.yml: builds',
      'k8s-getting-started.spec.yml: builds',
      'k8s-home-wifi.spec.yml: builds',
      'k8s-multifile.spec.yml: builds',
      'kubernetes-apiserver.spec.yml: builds',
      'multifile.spec.yml: builds',
      'no-alerts.spec.yml: builds',
      'plugin-getting-started.spec.yml: builds (an SLI left out)',
      'plugin-k8s-getting-started.spec.yml: builds (an SLI left out)',
      'raw-home-wifi.spec.yml: builds (an SLI left out)',
      'slo-plugin-getting-started.spec.yml: builds',
      'slo-plugin-k8s-getting-started.spec.yml: builds',
      // MetricsQL (VictoriaMetrics' histogram_share) is not PromQL.
      'victoria-metrics.spec.yml: promql/syntax',
    ]);
  });
});
