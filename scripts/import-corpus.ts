// Prints how a corpus imports (scripts/corpus-imports.ts): a line per file and the totals that
// docs/interchange.md reports. Usage: node --import tsx scripts/import-corpus.ts [corpus|corpus-2]
import { rmSync } from 'node:fs';
import { CORPORA, type Corpus } from './corpus.ts';
import { importDashboardCorpus, importRuleCorpus, sum } from './corpus-imports.ts';

const corpus = (process.argv[2] ?? 'corpus') as Corpus;
if (!CORPORA.includes(corpus)) throw new Error(`No corpus ${corpus}: one of ${CORPORA.join(', ')}`);
const scratch = `.cache/import-${corpus}`;
rmSync(scratch, { recursive: true, force: true });
const rules = await importRuleCorpus(scratch, corpus);
const dashboards = await importDashboardCorpus(scratch, corpus);
const status = (exact: boolean, errors: readonly string[]) =>
  `${exact ? 'exact' : 'diff '} ${errors.length === 0 ? 'builds' : 'FAILS '}`;
const details = (lines: readonly string[]) =>
  lines
    .slice(0, 3)
    .map((d) => `\n    ${d}`)
    .join('');
for (const r of rules)
  process.stdout.write(
    `${status(r.equal === r.rules, r.errors)} ${r.equal}/${r.rules} ${r.file}${details(r.differences)}\n`,
  );
for (const d of dashboards)
  process.stdout.write(
    `${status(d.kept === d.queries, d.errors)} ${d.kept}/${d.queries} queries ${d.file}${details(d.missing)}\n`,
  );
const built = (items: readonly { errors: readonly string[] }[]) => items.filter((i) => i.errors.length === 0).length;
process.stdout.write(
  `\nrule files: ${rules.length}; ${built(rules)} build with no error; ${rules.filter((r) => r.equal === r.rules).length} round-trip exactly; ` +
    `${sum(rules, (r) => r.equal)}/${sum(rules, (r) => r.rules)} rules equal; ${sum(rules, (r) => r.typed)} typed queries, ` +
    `${sum(rules, (r) => r.promql)} promql; ${sum(rules, (r) => r.allowed)} findings written as allow entries\n` +
    `dashboards: ${dashboards.length}; ${built(dashboards)} build with no error; ${dashboards.filter((d) => d.kept === d.queries).length} keep every Prometheus query; ` +
    `${sum(dashboards, (d) => d.kept)}/${sum(dashboards, (d) => d.queries)} queries kept; ` +
    `${sum(dashboards, (d) => d.panelsImported)}/${sum(dashboards, (d) => d.panels)} panels imported\n`,
);
