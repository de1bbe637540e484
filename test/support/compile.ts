import { compileProject, type Compilation } from '../../src/pipeline/build-project.ts';
import type { Finding } from '../../src/finding.ts';
import {
  catalog,
  project,
  system,
  type Collector,
  type CatalogSpec,
  type LabelDomain,
  type MetricKind,
  type MetricSpec,
} from '../../src/index.ts';

/** Compiles a one-system project built from a catalog spec, as a definitions file would. */
export function compileCatalog<
  const LD extends Record<string, LabelDomain>,
  const MS extends Record<string, MetricSpec<MetricKind, Extract<keyof LD, string>, string>>,
>(name: string, spec: CatalogSpec<LD, MS>, collector?: Collector): Compilation {
  return compileProject(
    project({ systems: [system({ catalog: catalog(name, spec), ...(collector === undefined ? {} : { collector }) })] }),
  );
}

/** `rule subject` pairs, the shape most assertions compare. */
export function ruleSubjects(findings: readonly Finding[], rulePrefix = ''): string[] {
  return findings.filter((f) => f.rule.startsWith(rulePrefix)).map((f) => `${f.rule} ${f.subject}`);
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
