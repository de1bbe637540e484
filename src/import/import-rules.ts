import { ruleFileGroups } from './rule-file-groups.ts';
import { parsePromql, PromqlSyntaxError, tryParsePromql } from '../promql/parse.ts';
import { foreignDialect } from './foreign-dialect.ts';
import { subexpressions, type Expr } from '../promql/ast.ts';
import { allowSource, type ImportAllows } from './import-allows.ts';
import { ImportError } from './import-error.ts';
import { CatalogInference } from './inferred-catalog.ts';
import { catalogSource } from './catalog-source.ts';
import { querySource } from './query-source.ts';
import { prune } from './prune-unused.ts';
import { reviewComment, stringLiteral, stringRecord } from './typescript-source.ts';

/** What an import wrote and what it could not carry over, for the person reviewing it. */
export interface ImportResult {
  /** The TypeScript module: `<system>System` exported, and a project of it as the default export. */
  readonly source: string;
  /** Guesses marked `// review:` in the source. */
  readonly guesses: number;
  /** Rules whose expression stayed PromQL text (the `promql` escape hatch). */
  readonly escapeHatches: number;
  readonly typedQueries: number;
  /** What the definitions cannot express, so the rebuilt file differs (field, rule). */
  readonly lost: readonly string[];
  /**
   * Rules left out of the definitions, each with why: an expression that is not PromQL Prometheus
   * loads (MetricsQL, LogQL, SQL, or a syntax error). A build would refuse them, and no allow may
   * silence that.
   */
  readonly leftOut?: readonly string[];
}

interface RuleFile {
  readonly groups?: readonly {
    readonly name?: unknown;
    readonly interval?: unknown;
    readonly rules?: readonly Record<string, unknown>[];
    readonly [key: string]: unknown;
  }[];
}

const SEVERITIES = new Set(['critical', 'warning', 'info']);
const ALERT_FIELDS = new Set(['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const RECORD_FIELDS = new Set(['record', 'expr', 'labels']);

const FILE_SAFE = /[^A-Za-z0-9_.-]/g;

/**
 * A Prometheus rule file (`groups:`) as a system's definitions: an inferred catalog, then the
 * groups. `allows` are the findings a first build of the import reported, accepted as written
 * (`obsgen import` builds twice), so the import builds and every finding stays visible as an allow.
 */
export function importRules(text: string, system: string, allows: ImportAllows = new Map()): ImportResult {
  const groups = ruleGroupsOf(text);
  const inference = new CatalogInference();
  const parsed = new Map<Record<string, unknown>, Expr | undefined>();
  for (const group of groups)
    for (const rule of group.rules ?? []) if (typeof rule.record === 'string') inference.recorded(rule.record);
  for (const group of groups)
    for (const rule of group.rules ?? []) {
      const expr = typeof rule.expr === 'string' ? tryParsePromql(rule.expr) : undefined;
      parsed.set(rule, expr);
      if (expr !== undefined) inference.read(expr);
    }
  const catalog = catalogSource(system, inference.list(), allows, shortestRange(parsed.values()));
  const lost: string[] = [];
  const leftOut: string[] = [];
  let guesses = catalog.guesses;
  let typedQueries = 0;
  let escapeHatches = 0;
  const body: string[] = [];
  for (const group of groups) {
    const rules: string[] = [];
    for (const [key] of Object.entries(group))
      if (!['name', 'interval', 'rules'].includes(key)) lost.push(`group ${String(group.name)}: ${key}`);
    for (const rule of group.rules ?? []) {
      const expr = parsed.get(rule);
      if (expr === undefined) {
        leftOut.push(notPromql(rule));
        continue;
      }
      const query = querySource(typeof rule.expr === 'string' ? rule.expr : String(rule.expr), expr, catalog.metrics);
      if (query.typed) typedQueries++;
      else escapeHatches++;
      const labels = { ...((rule.labels ?? {}) as Record<string, string>) };
      if (typeof rule.record === 'string') {
        for (const key of Object.keys(rule)) if (!RECORD_FIELDS.has(key)) lost.push(`${rule.record}: ${key}`);
        const allowed = allowSource(allows.get(`${system}/record/${rule.record}`));
        const fields = [
          ...(Object.keys(labels).length === 0 ? [] : [`labels: ${stringRecord(stringValues(labels))}`]),
          ...(allowed === undefined ? [] : [allowed]),
        ];
        const options = fields.length === 0 ? '' : `, { ${fields.join(', ')} }`;
        rules.push(`    record(${stringLiteral(rule.record)}, ${query.source}${options}),\n`);
        continue;
      }
      const written = String(rule.alert);
      // Alert names become runbook file names: other characters are dropped (the alertname changes).
      const name = written.replace(FILE_SAFE, '');
      if (name !== written) lost.push(`${written}: renamed ${name}`);
      for (const key of Object.keys(rule)) if (!ALERT_FIELDS.has(key)) lost.push(`${name}: ${key}`);
      const annotations = { ...((rule.annotations ?? {}) as Record<string, string>) };
      const lines: string[] = [];
      let severity = labels.severity;
      delete labels.severity;
      if (severity === undefined || !SEVERITIES.has(severity)) {
        lines.push(
          reviewComment(
            '      ',
            `severity ${severity === undefined ? 'was not set' : `was ${JSON.stringify(severity)}`}; obsgen's are critical, warning and info`,
          ),
        );
        if (severity !== undefined) lost.push(`${name}: severity ${severity}`);
        else lost.push(`${name}: no severity`);
        severity = severity === 'page' || severity === 'error' ? 'critical' : 'warning';
        guesses++;
      }
      let summary = annotations.summary;
      let description = annotations.description ?? annotations.message;
      delete annotations.summary;
      if (annotations.description !== undefined) delete annotations.description;
      else delete annotations.message;
      if (summary === undefined) {
        lines.push(reviewComment('      ', 'no summary annotation; this one is the alert name'));
        lost.push(`${name}: no summary`);
        summary = name;
        guesses++;
      }
      if (description === undefined) {
        lines.push(reviewComment('      ', 'no description annotation; this one repeats the summary'));
        lost.push(`${name}: no description`);
        description = summary;
        guesses++;
      }
      lines.push(`      expr: ${query.source},\n`);
      if (rule.for !== undefined) lines.push(`      for: ${stringLiteral(durationText(rule.for))},\n`);
      if (rule.keep_firing_for !== undefined)
        lines.push(`      keepFiringFor: ${stringLiteral(durationText(rule.keep_firing_for))},\n`);
      lines.push(`      severity: ${stringLiteral(severity)},\n`);
      lines.push(`      summary: ${stringLiteral(String(summary))},\n`);
      lines.push(`      description: ${stringLiteral(String(description))},\n`);
      if (Object.keys(labels).length > 0) lines.push(`      labels: ${stringRecord(stringValues(labels))},\n`);
      if (Object.keys(annotations).length > 0)
        lines.push(`      annotations: ${stringRecord(stringValues(annotations))},\n`);
      const allowed = allowSource(allows.get(`${system}/alert/${name}`));
      if (allowed !== undefined) lines.push(`      ${allowed},\n`);
      rules.push(`    alert(${stringLiteral(name)}, {\n${lines.join('')}    }),\n`);
    }
    const interval =
      group.interval === undefined ? '' : `interval: ${stringLiteral(durationText(group.interval))},\n    `;
    body.push(
      `  ruleGroup(${stringLiteral(String(group.name))}, {\n    ${interval}rules: [\n${rules.map((r) => r.replace(/^(?=.)/gm, '  ')).join('')}    ],\n  }),\n`,
    );
  }
  const imports = [
    'alert',
    'catalog',
    'project',
    'record',
    'ruleGroup',
    'system',
    ...catalog.imports,
    ...querySourceImports(),
  ];
  const identifier = system.replace(/-/g, '_');
  const source =
    `// Imported by obsgen import rules. Lines marked "review:" are guesses to check.\n` +
    `// Builds on its own (obsgen build --definitions <this file>); add ${identifier}System to your project's systems.\n` +
    `import { ${[...new Set(imports)].sort().join(', ')} } from 'obsgen';\n\n` +
    catalog.source +
    `\nconst m = ${identifier}.metrics;\n\n` +
    `export const ${identifier}System = system({\n  catalog: ${identifier},\n  rules: [\n${body.map((b) => b.replace(/^(?=.)/gm, '  ')).join('')}  ],\n});\n\n` +
    `export default project({ systems: [${identifier}System] });\n`;
  return { source: prune(source), guesses, escapeHatches, typedQueries, lost, leftOut };
}

/** Why a rule is left out: its expression is another language's, or does not parse. */
function notPromql(rule: Record<string, unknown>): string {
  const name = String(rule.alert ?? rule.record);
  const text = typeof rule.expr === 'string' ? rule.expr : JSON.stringify(rule.expr);
  const dialect = typeof rule.expr === 'string' ? foreignDialect(rule.expr) : undefined;
  let problem = 'no expression';
  if (typeof rule.expr === 'string') {
    try {
      parsePromql(rule.expr);
    } catch (error) {
      problem = error instanceof PromqlSyntaxError ? error.message : String(error);
    }
  }
  const oneLine = (text ?? '').replace(/\s+/g, ' ').slice(0, 120);
  return `${name}: ${dialect === undefined ? `not PromQL Prometheus loads (${problem})` : `${dialect}, not PromQL (${problem})`}: ${oneLine}`;
}

/** The file's groups; an ImportError when it is not YAML (as Prometheus reads it) or holds none. */
function ruleGroupsOf(text: string): NonNullable<RuleFile['groups']> {
  const groups = ruleFileGroups(text) as NonNullable<RuleFile['groups']>;
  if (groups.length === 0)
    throw new ImportError(
      'found no rule groups (a Prometheus rule file has a groups: list; a PrometheusRule resource has spec.groups)',
    );
  return groups;
}

/** A duration as obsgen's typed durations spell it: Prometheus also reads a bare `0`, which is `0s`. */
function durationText(value: unknown): string {
  const written = String(value);
  return written === '0' ? '0s' : written;
}

/** The shortest range any expression reads, in seconds (rate ranges must span four scrapes). */
function shortestRange(exprs: Iterable<Expr | undefined>): number | undefined {
  let shortest: number | undefined;
  const visit = (node: Expr): void => {
    if (node.type === 'matrix') shortest = Math.min(shortest ?? Infinity, node.range);
    for (const child of subexpressions(node)) visit(child);
  };
  for (const expr of exprs) if (expr !== undefined) visit(expr);
  return shortest;
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}

/** Every builder a typed query may call; the import line keeps those the module uses. */
function querySourceImports(): string[] {
  return [
    ...['by', 'without', 'promql', 'rate', 'irate', 'increase', 'resets', 'vector', 'histogramQuantile'],
    ...['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile'],
    ...['gt', 'lt', 'ge', 'le', 'eq', 'ne', 'add', 'sub', 'mul', 'div', 'mod', 'pow', 'and', 'or', 'unless'],
    ...['delta', 'idelta', 'deriv', 'changes', 'avgOverTime', 'sumOverTime', 'minOverTime', 'maxOverTime'],
    ...['countOverTime', 'lastOverTime', 'presentOverTime', 'stddevOverTime', 'stdvarOverTime', 'absentOverTime'],
    ...['abs', 'ceil', 'floor', 'sort', 'sortDesc', 'timestamp', 'sqrt', 'exp', 'ln', 'absent'],
    ...['clamp', 'clampMin', 'clampMax', 'round'],
  ];
}
