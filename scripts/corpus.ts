// The vendored corpora of real third-party artifacts (test/corpus and test/corpus-2, sources and licences
// in their READMEs), for tests and benchmarks. A missing corpus is an error, never a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { ruleFileGroups } from '../src/import/rule-file-groups.ts';

const TEST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test');

/** The corpora, each a folder of test/ with the same sub-folders (not every one has every kind). */
export const CORPORA = ['corpus', 'corpus-2'] as const;
export type Corpus = (typeof CORPORA)[number];

export function corpusDir(name: string, corpus: Corpus = 'corpus'): string {
  const dir = path.join(TEST, corpus, name);
  if (!existsSync(dir))
    throw new Error(`The corpus folder is missing: ${dir} (test/${corpus} is part of the repository).`);
  return dir;
}

export interface CorpusExpression {
  readonly file: string;
  readonly rule: string;
  readonly expr: string;
}

/** Every rule expression of every `groups:` document in a corpus folder (CRD wrappers included). */
export function ruleExpressions(
  folder: string,
  filter: (file: string) => boolean = () => true,
  corpus: Corpus = 'corpus',
): CorpusExpression[] {
  const dir = corpusDir(folder, corpus);
  const out: CorpusExpression[] = [];
  for (const file of readdirSync(dir).filter(filter).sort()) {
    for (const document of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const value = document.toJS() as { groups?: unknown; spec?: { groups?: unknown } } | null;
      const groups = (value?.groups ?? value?.spec?.groups ?? []) as {
        rules?: { alert?: string; record?: string; expr?: unknown }[];
      }[];
      for (const group of groups) {
        for (const rule of group.rules ?? []) {
          if (rule.expr === undefined) continue;
          out.push({ file, rule: rule.alert ?? rule.record ?? '?', expr: String(rule.expr) });
        }
      }
    }
  }
  return out;
}

/** The Logs Insights queries of a corpus file (`---`-separated, `# source:` headers), with any `# questionable` note. */
export function logsInsightsQueries(file: string, corpus: Corpus = 'corpus'): { query: string; note: string }[] {
  return readFileSync(path.join(corpusDir('logs-insights', corpus), file), 'utf8')
    .split(/^---$/m)
    .map((block) => {
      const lines = block.split('\n');
      return {
        query: lines
          .filter((l) => !/^# (source|also|questionable)/.test(l))
          .join('\n')
          .trim(),
        note: lines.find((l) => l.startsWith('# questionable')) ?? '',
      };
    })
    .filter((entry) => entry.query !== '');
}

/**
 * The rule files of a corpus and those `promtool check rules` rejects, in one promtool run; a
 * PrometheusRule resource is checked as the operator hands it to Prometheus (its `spec.groups`).
 */
export function promtoolRuleVerdicts(corpus: Corpus): {
  files: string[];
  rejected: Set<string>;
  status: number | null;
} {
  const promtool = locateTool('promtool');
  if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
  const dir = corpusDir('prometheus-rules', corpus);
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-corpus-'));
  const files = readdirSync(dir).sort();
  const checked = files.map((file) => {
    const extracted = path.join(scratch, file);
    writeFileSync(extracted, JSON.stringify({ groups: ruleFileGroups(readFileSync(path.join(dir, file), 'utf8')) }));
    return extracted;
  });
  const result = spawnSync(promtool, ['check', 'rules', ...checked], { encoding: 'utf8' });
  const rejected = new Set(
    [...`${result.stdout}${result.stderr}`.matchAll(/Checking (\S+)\n\s+FAILED/g)].map((m) =>
      path.basename(m[1] ?? ''),
    ),
  );
  return { files, rejected, status: result.status };
}
