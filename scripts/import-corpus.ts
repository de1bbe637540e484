// Imports the corpus with obsgen import's own two builds and compares what the rebuilt definitions
// generate with the originals: every rule file of test/corpus/prometheus-rules (normalised PromQL,
// for, labels, annotations) and every dashboard of test/corpus/grafana-dashboards (each Prometheus
// query, as written, in the panel of the same title). Prints a line per file and the totals that
// docs/import.md reports. Usage: node --import tsx scripts/import-corpus.ts
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../src/build/build-project.ts';
import { importAndBuild } from '../src/cli/commands/import.ts';
import { loadDefinitions } from '../src/cli/load-definitions.ts';
import { compareDashboards } from '../src/import/dashboard-equivalence.ts';
import { importDashboard } from '../src/import/import-dashboard.ts';
import { importRules } from '../src/import/import-rules.ts';
import { compareRules } from '../src/import/rule-equivalence.ts';

const scratch = '.cache/import-corpus';
rmSync(scratch, { recursive: true, force: true });
const importModule = (specifier: string) => import(specifier);
const lines: string[] = [];
const files = (dir: string, ext: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));

const rules = { files: 0, built: 0, exact: 0, rules: 0, equal: 0, typed: 0, promql: 0, allowed: 0 };
for (const file of files('test/corpus/prometheus-rules', '.yml')) {
  const text = readFileSync(file, 'utf8');
  const system = `rules-${rules.files++}`;
  const target = path.join(scratch, `${system}.ts`);
  const { result, findings, allowed } = await importAndBuild(
    (allows) => importRules(text, system, allows),
    target,
    importModule,
  );
  const rebuilt = compileProject(await loadDefinitions(target, importModule)).files.filter((f) =>
    f.path.startsWith(`prometheus/${system}/`),
  );
  const comparison = compareRules(
    text,
    rebuilt.map((f) => f.content),
    system,
  );
  const builds = findings.every((f) => f.severity !== 'error');
  rules.built += builds ? 1 : 0;
  rules.exact += comparison.equal === comparison.rules ? 1 : 0;
  rules.rules += comparison.rules;
  rules.equal += comparison.equal;
  rules.typed += result.typedQueries;
  rules.promql += result.escapeHatches;
  rules.allowed += allowed;
  lines.push(
    `${comparison.equal === comparison.rules ? 'exact' : 'diff '} ${builds ? 'builds' : 'FAILS '} ${comparison.equal}/${comparison.rules} ${path.basename(file)}` +
      comparison.differences
        .slice(0, 3)
        .map((d) => `\n    ${d}`)
        .join(''),
  );
}

const dashboards = { files: 0, built: 0, exact: 0, panels: 0, panelsImported: 0, queries: 0, kept: 0 };
for (const file of files('test/corpus/grafana-dashboards', '.json')) {
  const text = readFileSync(file, 'utf8');
  const system = `dashboard-${dashboards.files++}`;
  const target = path.join(scratch, `${system}.ts`);
  let counts = { panels: 0, panelsImported: 0 };
  const { findings } = await importAndBuild(
    (allows) => {
      const imported = importDashboard(text, system, allows);
      counts = imported.counts;
      return imported;
    },
    target,
    importModule,
  );
  const rebuilt = compileProject(await loadDefinitions(target, importModule)).files.find(
    (f) => f.path.startsWith(`grafana/${system}/`) && f.path.endsWith('.json'),
  );
  const comparison = compareDashboards(text, rebuilt?.content ?? '{}');
  const builds = findings.every((f) => f.severity !== 'error');
  dashboards.built += builds ? 1 : 0;
  dashboards.exact += comparison.kept === comparison.queries ? 1 : 0;
  dashboards.panels += counts.panels;
  dashboards.panelsImported += counts.panelsImported;
  dashboards.queries += comparison.queries;
  dashboards.kept += comparison.kept;
  lines.push(
    `${comparison.kept === comparison.queries ? 'exact' : 'diff '} ${builds ? 'builds' : 'FAILS '} ${comparison.kept}/${comparison.queries} queries ${path.basename(file)}` +
      comparison.missing
        .slice(0, 3)
        .map((d) => `\n    ${d}`)
        .join(''),
  );
}

process.stdout.write(`${lines.join('\n')}\n\n`);
process.stdout.write(
  `rule files: ${rules.files}; ${rules.built} build with no error; ${rules.exact} round-trip exactly; ` +
    `${rules.equal}/${rules.rules} rules equal; ${rules.typed} typed queries, ${rules.promql} promql; ${rules.allowed} findings written as allow entries\n` +
    `dashboards: ${dashboards.files}; ${dashboards.built} build with no error; ${dashboards.exact} keep every Prometheus query; ` +
    `${dashboards.kept}/${dashboards.queries} queries kept; ${dashboards.panelsImported}/${dashboards.panels} panels imported\n`,
);
