// Per corpus folder: how many real artifacts obsgen accepts, how many it rejects for a true problem
// of the file, and how many it rejects falsely. Usage: node --import tsx scripts/corpus-figures.ts
// The same judgements are asserted file by file in the corpus tests; this prints the totals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { project } from '../src/index.ts';
import { lintDashboard } from '../src/grafana/lint-dashboard.ts';
import { parseLogsInsights } from '../src/logsinsights/parser.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { tryParsePromql } from '../src/promql/parse.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { CORPORA, corpusDir, ruleExpressions, type Corpus } from './corpus.ts';

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
  const promtool = locateTool('promtool');
  if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
  const dir = corpusDir('prometheus-rules', corpus);
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-figures-'));
  const expressions = ruleExpressions('prometheus-rules', () => true, corpus);
  let accepted = 0;
  let trueProblems = 0;
  let falseErrors = 0;
  for (const file of readdirSync(dir).sort()) {
    const document = parse(readFileSync(path.join(dir, file), 'utf8')) as { spec?: { groups?: unknown } };
    const checked = path.join(scratch, file);
    writeFileSync(
      checked,
      JSON.stringify({ groups: document.spec?.groups ?? (document as { groups?: unknown }).groups }),
    );
    const promtoolAccepts = spawnSync(promtool, ['check', 'rules', checked]).status === 0;
    const weAccept = !expressions.some((e) => e.file === file && promqlInvalid(e.expr));
    if (weAccept) accepted++;
    else if (promtoolAccepts) falseErrors++;
    else trueProblems++;
  }
  return {
    corpus,
    folder: 'prometheus-rules',
    artifacts: readdirSync(dir).length,
    accepted,
    trueProblems,
    falseErrors,
  };
}

function dashboards(corpus: Corpus): FolderFigures {
  const dir = corpusDir('grafana-dashboards', corpus);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  // A dashboard is rejected when a PromQL query of it does not parse after variable expansion:
  // Grafana would send Prometheus a query it refuses. Every one of the corpus loads in Grafana.
  const rejected = files.filter((file) =>
    lintDashboard(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))).queries.some(
      (q) => tryParsePromql(q.expanded) === undefined,
    ),
  ).length;
  return {
    corpus,
    folder: 'grafana-dashboards',
    artifacts: files.length,
    accepted: files.length - rejected,
    trueProblems: 0,
    falseErrors: rejected,
  };
}

function collectors(corpus: Corpus): FolderFigures {
  const dir = corpusDir('otel-collector', corpus);
  const files = readdirSync(dir);
  const rejected = files.filter((file) =>
    validateCollector(parse(readFileSync(path.join(dir, file), 'utf8')), { strict: false }).some(
      (i) => i.severity === 'error',
    ),
  ).length;
  return {
    corpus,
    folder: 'otel-collector',
    artifacts: files.length,
    accepted: files.length - rejected,
    trueProblems: 0,
    falseErrors: rejected,
  };
}

/** `queries.txt` must parse; `queries-questionable.txt` holds what the README lists as doubtful. */
function queries(corpus: Corpus): FolderFigures {
  const read = (file: string) =>
    readFileSync(path.join(corpusDir('logs-insights', corpus), file), 'utf8')
      .split(/^---$/m)
      .map((block) =>
        block
          .split('\n')
          .filter((l) => !/^# (source|also|questionable)/.test(l))
          .join('\n')
          .trim(),
      )
      .filter((query) => query !== '');
  const good = read('queries.txt');
  const doubtful = read('queries-questionable.txt');
  const goodRejected = good.filter((q) => !parseLogsInsights(q).ok).length;
  const doubtfulRejected = doubtful.filter((q) => !parseLogsInsights(q).ok).length;
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
}
