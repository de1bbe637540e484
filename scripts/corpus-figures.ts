// Per corpus folder: how many real artifacts obsgen accepts, how many it rejects for a true problem
// of the file, and how many it rejects falsely; then the catalogue of mistakes' caught / total.
// Usage: node --import tsx scripts/corpus-figures.ts
// The same judgements are asserted file by file in the corpus tests; this prints the totals.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { project } from '../src/index.ts';
import { lintDashboard } from '../src/grafana/lint-dashboard.ts';
import { parseLogsInsights } from '../src/logsinsights/parser.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { tryParsePromql } from '../src/promql/parse.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import {
  CORPORA,
  corpusDir,
  logsInsightsQueries,
  promtoolRuleVerdicts,
  ruleExpressions,
  type Corpus,
} from './corpus.ts';
import { catalogueFigures } from '../test/mistakes/figures.ts';

export interface FolderFigures {
  readonly corpus: Corpus;
  readonly folder: string;
  readonly artifacts: number;
  readonly accepted: number;
  /** Rejected, and the reference tool (or the README) rejects it too. */
  readonly trueProblems: number;
  /** Rejected while the reference tool accepts it. */
  readonly falseErrors: number;
}

const emptyCatalog = new SeriesCatalog(project({ systems: [] }));
const promqlInvalid = (expr: string) =>
  analyzePromql(expr, { catalog: emptyCatalog, system: undefined }).findings.some(
    (f) => f.rule === 'promql/syntax' || f.rule === 'promql/type',
  );

function rules(corpus: Corpus): FolderFigures {
  const { files, rejected } = promtoolRuleVerdicts(corpus);
  const ours = new Set(
    ruleExpressions('prometheus-rules', () => true, corpus)
      .filter((e) => promqlInvalid(e.expr))
      .map((e) => e.file),
  );
  return {
    corpus,
    folder: 'prometheus-rules',
    artifacts: files.length,
    accepted: files.length - ours.size,
    trueProblems: [...ours].filter((file) => rejected.has(file)).length,
    falseErrors: [...ours].filter((file) => !rejected.has(file)).length,
  };
}

/** A folder whose every file its target loads: each one obsgen rejects is a false error. */
function allValid(
  corpus: Corpus,
  folder: string,
  files: readonly string[],
  rejects: (text: string) => boolean,
): FolderFigures {
  const rejected = files.filter((file) =>
    rejects(readFileSync(path.join(corpusDir(folder, corpus), file), 'utf8')),
  ).length;
  return {
    corpus,
    folder,
    artifacts: files.length,
    accepted: files.length - rejected,
    trueProblems: 0,
    falseErrors: rejected,
  };
}

// A dashboard is rejected when a PromQL query of it does not parse after variable expansion:
// Grafana would send Prometheus a query it refuses. Every one of the corpus loads in Grafana.
const dashboards = (corpus: Corpus) =>
  allValid(
    corpus,
    'grafana-dashboards',
    readdirSync(corpusDir('grafana-dashboards', corpus)).filter((f) => f.endsWith('.json')),
    (text) => lintDashboard(JSON.parse(text)).queries.some((q) => tryParsePromql(q.expanded) === undefined),
  );

const collectors = (corpus: Corpus) =>
  allValid(corpus, 'otel-collector', readdirSync(corpusDir('otel-collector', corpus)), (text) =>
    validateCollector(parse(text), { strict: false }).some((i) => i.severity === 'error'),
  );

/** `queries.txt` must parse; `queries-questionable.txt` holds what the README lists as doubtful. */
function queries(corpus: Corpus): FolderFigures {
  const good = logsInsightsQueries('queries.txt', corpus);
  const doubtful = logsInsightsQueries('queries-questionable.txt', corpus);
  const goodRejected = good.filter(({ query }) => !parseLogsInsights(query).ok).length;
  const doubtfulRejected = doubtful.filter(({ query }) => !parseLogsInsights(query).ok).length;
  return {
    corpus,
    folder: 'logs-insights',
    artifacts: good.length + doubtful.length,
    accepted: good.length - goodRejected + (doubtful.length - doubtfulRejected),
    trueProblems: doubtfulRejected,
    falseErrors: goodRejected,
  };
}

export function corpusFigures(): FolderFigures[] {
  return CORPORA.flatMap((corpus) => [rules(corpus), dashboards(corpus), collectors(corpus), queries(corpus)]);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  process.stdout.write(
    '| corpus | folder | artifacts | accepted | true problems | false errors |\n|---|---|---:|---:|---:|---:|\n',
  );
  for (const f of corpusFigures())
    process.stdout.write(
      `| ${f.corpus} | ${f.folder} | ${f.artifacts} | ${f.accepted} | ${f.trueProblems} | ${f.falseErrors} |\n`,
    );
  // The catalogue of mistakes (docs/mistakes.md): measured by building every bad definition.
  process.stdout.write('\n| mistakes of | caught | total |\n|---|---:|---:|\n');
  for (const f of catalogueFigures()) process.stdout.write(`| ${f.title} | ${f.caught} | ${f.total} |\n`);
}
