// The corpus imported with obsgen import's own two builds and each result rebuilt and compared
// with the original: what scripts/import-corpus.ts prints and test/import.test.ts asserts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../src/pipeline/build-project.ts';
import { importAndBuild } from '../src/cli/commands/import.ts';
import { loadDefinitions } from '../src/cli/load-definitions.ts';
import { compareDashboards } from '../src/import/dashboard-equivalence.ts';
import { importDashboard } from '../src/import/import-dashboard.ts';
import { importRules } from '../src/import/import-rules.ts';
import { compareRules } from '../src/import/rule-equivalence.ts';
import { corpusDir, type Corpus } from './corpus.ts';

export interface RuleFileImport {
  readonly file: string;
  /** Error findings of the import's second build (none: it builds). */
  readonly errors: readonly string[];
  readonly rules: number;
  readonly equal: number;
  readonly differences: readonly string[];
  readonly typed: number;
  readonly promql: number;
  readonly allowed: number;
}

export interface DashboardImport {
  readonly file: string;
  readonly errors: readonly string[];
  readonly queries: number;
  readonly kept: number;
  readonly missing: readonly string[];
  readonly panels: number;
  readonly panelsImported: number;
  /** What the import listed as not carried over. */
  readonly lost: readonly string[];
}

const errorsOf = (findings: readonly { severity: string; rule: string; message: string }[]): string[] =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`);

const filesOf = (dir: string, ext: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort();

/** Every rule file of a corpus' prometheus-rules, imported into `dir` and rebuilt. */
export async function importRuleCorpus(dir: string, from: Corpus = 'corpus'): Promise<RuleFileImport[]> {
  const corpus = corpusDir('prometheus-rules', from);
  const results: RuleFileImport[] = [];
  for (const [index, file] of filesOf(corpus, '.yml').entries()) {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const system = `rules-${index}`;
    const target = path.join(dir, `${system}.ts`);
    const { result, findings, allowed } = await importAndBuild((allows) => importRules(text, system, allows), target);
    const rebuilt = compileProject(await loadDefinitions(target)).files.filter((f) =>
      f.path.startsWith(`prometheus/${system}/`),
    );
    const comparison = compareRules(
      text,
      rebuilt.map((f) => f.content),
      system,
    );
    results.push({
      file,
      errors: errorsOf(findings),
      ...comparison,
      typed: result.typedQueries,
      promql: result.escapeHatches,
      allowed,
    });
  }
  return results;
}

/** Every dashboard of a corpus' grafana-dashboards, imported into `dir` and rebuilt. */
export async function importDashboardCorpus(dir: string, from: Corpus = 'corpus'): Promise<DashboardImport[]> {
  const corpus = corpusDir('grafana-dashboards', from);
  const results: DashboardImport[] = [];
  for (const [index, file] of filesOf(corpus, '.json').entries()) {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const system = `dashboard-${index}`;
    const target = path.join(dir, `${system}.ts`);
    let imported: ReturnType<typeof importDashboard> | undefined;
    const { findings } = await importAndBuild((allows) => (imported = importDashboard(text, system, allows)), target);
    const rebuilt = compileProject(await loadDefinitions(target)).files.find(
      (f) => f.path.startsWith(`grafana/${system}/`) && f.path.endsWith('.json'),
    );
    results.push({
      file,
      errors: errorsOf(findings),
      ...compareDashboards(text, rebuilt?.content ?? '{}'),
      panels: imported!.counts.panels,
      panelsImported: imported!.counts.panelsImported,
      lost: imported!.lost,
    });
  }
  return results;
}

export function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
