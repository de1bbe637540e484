// The vendored corpora of real third-party artifacts (test/corpus and test/corpus-2, sources and licences
// in their READMEs), for tests and benchmarks. A missing corpus is an error, never a silent skip.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

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
