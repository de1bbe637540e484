// Imports every rule file of the corpus (test/corpus/prometheus-rules) with `obsgen import rules`'s
// own two builds, rebuilds it, and compares the rebuilt rules with the originals (normalised PromQL,
// for, labels, annotations). Prints one line per file and the totals docs/import.md reports.
// Usage: node --import tsx scripts/import-corpus.ts [--json]
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../src/build/build-project.ts';
import { importAndBuild } from '../src/cli/commands/import.ts';
import { loadDefinitions } from '../src/cli/load-definitions.ts';
import { importRules } from '../src/import/import-rules.ts';
import { compareRules } from '../src/import/rule-equivalence.ts';

const corpus = 'test/corpus/prometheus-rules';
const scratch = '.cache/import-corpus';
rmSync(scratch, { recursive: true, force: true });
const importModule = (specifier: string) => import(specifier);
const totals = { files: 0, built: 0, exact: 0, rules: 0, equal: 0, typed: 0, promql: 0, guesses: 0, allowed: 0 };
const lines: string[] = [];
for (const file of readdirSync(corpus)
  .filter((f) => f.endsWith('.yml'))
  .sort()) {
  const text = readFileSync(path.join(corpus, file), 'utf8');
  const system = `c${totals.files}`;
  const target = path.join(scratch, `${system}.ts`);
  totals.files++;
  const { result, findings, allowed } = await importAndBuild(
    (allows) => importRules(text, system, allows),
    target,
    importModule,
  );
  const errors = findings.filter((f) => f.severity === 'error');
  const rebuilt = compileProject(await loadDefinitions(target, importModule)).files.filter(
    (f) => f.path.endsWith('.rules.yml') && f.path.startsWith(`prometheus/${system}/`),
  );
  const comparison = compareRules(
    text,
    rebuilt.map((f) => f.content),
    system,
  );
  if (errors.length === 0) totals.built++;
  if (comparison.equal === comparison.rules) totals.exact++;
  totals.rules += comparison.rules;
  totals.equal += comparison.equal;
  totals.typed += result.typedQueries;
  totals.promql += result.escapeHatches;
  totals.guesses += result.guesses;
  totals.allowed += allowed;
  lines.push(
    `${comparison.equal === comparison.rules ? 'exact' : 'diff '} ${errors.length === 0 ? 'builds' : `${errors.length} errors`} ${comparison.equal}/${comparison.rules} ${file}` +
      comparison.differences
        .slice(0, 3)
        .map((d) => `\n    ${d}`)
        .join(''),
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
process.stdout.write(
  `\n${totals.files} files: ${totals.built} build with no error, ${totals.exact} round-trip exactly; ` +
    `${totals.equal}/${totals.rules} rules equal; ${totals.typed} typed queries, ${totals.promql} promql; ` +
    `${totals.guesses} guesses, ${totals.allowed} findings accepted as allow entries\n`,
);
