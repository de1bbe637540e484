import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../../pipeline/build-project.ts';
import type { Finding } from '../../finding.ts';
import type { ImportAllows } from '../../import/import-allows.ts';
import { refusedByTarget } from '../../check/refused-by-target.ts';
import { ImportError } from '../../import/import-error.ts';
import { IMPORTERS, type ImportResult } from '../../import/importers.ts';
import type { CommonOptions } from '../common-options.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import { DefinitionsLoadError, loadDefinitions } from '../load-definitions.ts';

/** Subjects an import can carry an `allow` on: the definitions it writes. */
const ALLOWABLE = /^[^/]+\/(alert|record|metric|slo|dashboard)\//;

/**
 * `obsgen import <rules|sloth|openslo|dashboard> <file>`: writes a definitions module that builds
 * on its own. It is built twice: the findings of the first build on what it imported are written
 * as `allow` entries (the rules as written, with obsgen's verdict beside them), so the second
 * builds; what still fails is printed and exits 1.
 */
export async function importCommand(options: CommonOptions): Promise<number> {
  const [kind = '', input = ''] = options.positionals;
  const importer = Object.hasOwn(IMPORTERS, kind) ? IMPORTERS[kind] : undefined;
  if (importer === undefined) {
    process.stderr.write(`obsgen: import takes one of ${Object.keys(IMPORTERS).join(', ')}, not "${kind}"\n`);
    return 2;
  }
  if (!existsSync(input)) {
    process.stderr.write(`obsgen: ${input} does not exist\n`);
    return 2;
  }
  const system = options.system ?? systemName(input);
  const target = importTarget(system, options.positionals[2]);
  if (target === undefined) return 2;
  let imported: { result: ImportResult; findings: readonly Finding[]; allowed: number };
  try {
    imported = await importAndBuild((allows) => importer(readFileSync(input, 'utf8'), system, allows), target);
  } catch (error) {
    if (error instanceof DefinitionsLoadError || error instanceof ImportError) {
      process.stderr.write(`obsgen: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { result, findings } = imported;
  const errors = findings.filter((f) => f.severity === 'error');
  process.stdout.write(
    `wrote ${target}: ${result.typedQueries} typed queries, ${result.escapeHatches} as PromQL text, ${result.guesses} guesses marked "review:", ${imported.allowed} findings accepted as allow entries\n` +
      (result.lost.length === 0
        ? ''
        : `not carried over (${result.lost.length}):\n${result.lost.map((l) => `  ${l}`).join('\n')}\n`) +
      ((result.leftOut ?? []).length === 0
        ? ''
        : `left out, not PromQL that Prometheus loads (${result.leftOut!.length}):\n${result.leftOut!.map((l) => `  ${l}`).join('\n')}\n`),
  );
  if (errors.length > 0) {
    process.stdout.write(options.format === 'json' ? findingsJson(errors) : findingsText(errors));
    return 1;
  }
  return 0;
}

/**
 * Where an import writes: the path given, or definitions/imported/<system>.ts; undefined (said on
 * stderr) when the system's name is not one or the file exists (an import never overwrites).
 */
export function importTarget(system: string, given: string | undefined): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(system)) {
    process.stderr.write(`obsgen: --system ${system} is not a system name (lower-case words joined by hyphens)\n`);
    return undefined;
  }
  const target = given ?? path.join('definitions', 'imported', `${system}.ts`);
  if (existsSync(target)) {
    process.stderr.write(`obsgen: ${target} exists; import writes a new file (pass another path)\n`);
    return undefined;
  }
  return target;
}

/** Writes the import, builds it, writes it again with the first build's findings allowed, builds again. */
export async function importAndBuild(
  generate: (allows: ImportAllows) => ImportResult,
  target: string,
): Promise<{ result: ImportResult; findings: readonly Finding[]; allowed: number }> {
  mkdirSync(path.dirname(target), { recursive: true });
  const firstPass = path.join(path.dirname(target), `.${path.basename(target, '.ts')}.import-${process.pid}.ts`);
  let allows: ImportAllows;
  try {
    writeFileSync(firstPass, generate(new Map()).source);
    const first = compileProject(await loadDefinitions(firstPass));
    allows = allowsFor(first.findings);
  } finally {
    rmSync(firstPass, { force: true });
  }
  const result = generate(allows);
  const staged = `${firstPass}.second.ts`;
  writeFileSync(staged, result.source);
  try {
    const second = compileProject(await loadDefinitions(staged));
    renameSync(staged, target);
    return { result, findings: second.findings, allowed: [...allows.values()].reduce((n, e) => n + e.length, 0) };
  } finally {
    rmSync(staged, { force: true });
  }
}

/** One allow per rule and subject of each error finding on an imported definition. */
function allowsFor(findings: readonly Finding[]): ImportAllows {
  const allows = new Map<string, { rule: string; reason: string }[]>();
  for (const finding of findings) {
    // What the real tool would refuse stays an error: the import says so rather than hide it.
    if (finding.severity !== 'error' || !ALLOWABLE.test(finding.subject) || refusedByTarget(finding.rule)) continue;
    const entries = allows.get(finding.subject) ?? [];
    if (entries.some((e) => e.rule === finding.rule)) continue;
    const said = finding.message.split('\n')[0]!.replace(/\s+/g, ' ').slice(0, 160);
    entries.push({ rule: finding.rule, reason: `imported as written; obsgen says: ${said}` });
    allows.set(finding.subject, entries);
  }
  return allows;
}

/** The input's file name as a system name: `kafka_exporter.rules.yml` → `kafka-exporter`. */
function systemName(file: string): string {
  const base = path.basename(file).replace(/\.(rules\.)?(ya?ml|json)$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  return name === '' ? 'imported' : name;
}
