import { yamlDocuments } from './yaml-documents.ts';
import type { Expr, VectorSelector } from '../promql/ast.ts';
import { tryParsePromql } from '../promql/parse.ts';
import { record, text, type Loose } from './loose-json.ts';
import { allowSource, type ImportAllows } from './import-allows.ts';
import { ImportError } from './import-error.ts';
import { prune } from './prune-unused.ts';
import { opensloProblems } from '../openslo/openslo-schema.ts';
import type { ImportResult } from './import-rules.ts';
import { catalogSource } from './catalog-source.ts';
import { CatalogInference, type InferredMetric } from './inferred-catalog.ts';
import { memberAccess, propertyKey, reviewComment, stringLiteral, templateText } from './typescript-source.ts';

const WINDOW = /\{\{\s*\.window\s*\}\}/g;
const OBSGEN = 'obsgen.dev';
/** obsgen's burn conditions by long window: which tier each belongs to. */
const TIER_OF_WINDOW: Readonly<Record<string, 'page' | 'ticket'>> = {
  '1h': 'page',
  '6h': 'page',
  '1d': 'ticket',
  '3d': 'ticket',
};

interface Objects {
  readonly slis: Map<string, Loose>;
  readonly policies: Map<string, Loose>;
  readonly slos: Loose[];
}

/** The objects of a document: itself, the entries of a YAML list of objects, or a `kind: List`'s items. */
function objectsOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document.flatMap(objectsOf);
  const value = record(document);
  return value.kind === 'List' && Array.isArray(value.items) ? value.items.flatMap(objectsOf) : [document];
}

/**
 * OpenSLO documents (v1; Sloth's v1alpha SLOs too) as definitions: a catalog inferred from the SLI
 * queries and an `slo(...)` per SLO. A ratio of `sum(<counter>)` queries becomes a typed
 * `ratioSli`, `sum(x_bucket{le})` over `sum(x_count)` a `latencySli`, windowed queries an
 * `eventsSli`; burn-rate alert policies become the page and ticket tiers. obsgen's own exports
 * carry what OpenSLO cannot say in obsgen.dev/ annotations, so they import as they were defined.
 */
export function importOpenslo(input: string, system: string, allows: ImportAllows = new Map()): ImportResult {
  const objects: Objects = { slis: new Map(), policies: new Map(), slos: [] };
  const invalid: string[] = [];
  for (const document of yamlDocuments(input).flatMap(objectsOf)) {
    const value = record(document);
    if (typeof value.apiVersion !== 'string' || !value.apiVersion.startsWith('openslo/')) continue;
    // What the specification says is wrong in the input is read anyway, and listed.
    if (value.apiVersion === 'openslo/v1')
      for (const problem of opensloProblems(value))
        invalid.push(`not valid OpenSLO v1: ${String(value.kind)} ${String(record(value.metadata).name)}: ${problem}`);
    const name = text(record(value.metadata).name) ?? '';
    if (value.kind === 'SLI') objects.slis.set(name, value);
    else if (value.kind === 'AlertPolicy') objects.policies.set(name, value);
    else if (value.kind === 'SLO') objects.slos.push(value);
  }
  if (objects.slos.length === 0) throw new ImportError('found no OpenSLO SLO (apiVersion: openslo/v1, kind: SLO)');
  const slos = objects.slos.map((slo) => readSlo(slo, objects, system));
  const inference = new CatalogInference();
  for (const slo of slos) for (const query of slo.queries) inference.read(query);
  const catalog = catalogSource(system, inference.list(), allows, 300);
  const lost = [...invalid, ...slos.flatMap((slo) => slo.lost)];
  const used = new Set<string>();
  let typed = 0;
  let escape = 0;
  const sources = slos.map((slo) => {
    const sli = sliSource(slo, catalog.metrics);
    used.add(sli.builder);
    if (sli.builder === 'eventsSli') escape++;
    else typed++;
    const fields = [
      `objective: ${slo.objective}`,
      ...(slo.period === '30d' ? [] : [`period: ${stringLiteral(slo.period)}`]),
      ...(slo.description === undefined ? [] : [`description: ${stringLiteral(slo.description)}`]),
      ...(slo.service === system ? [] : [`service: ${stringLiteral(slo.service)}`]),
      `sli: ${sli.source}`,
      ...(slo.by.length === 0 ? [] : [`by: [${slo.by.map(stringLiteral).join(', ')}]`]),
      ...(slo.objectives === undefined ? [] : [`objectives: ${slo.objectives}`]),
      // obsgen's defaults (both tiers, a no-data alert) need no alerting field.
      ...(slo.alerting !== undefined
        ? [`alerting: ${slo.alerting}`]
        : slo.tiers.page === '{}' && slo.tiers.ticket === '{}' && slo.noData
          ? []
          : [
              `alerting: { ${[`page: ${slo.tiers.page}`, `ticket: ${slo.tiers.ticket}`, ...(slo.noData ? [] : ['noData: false'])].join(', ')} }`,
            ]),
      ...(allowSource(allows.get(`${system}/slo/${slo.name}`)) === undefined
        ? []
        : [allowSource(allows.get(`${system}/slo/${slo.name}`))!]),
    ];
    return `${sli.review === undefined ? '' : reviewComment('    ', sli.review)}    slo(${stringLiteral(slo.name)}, {\n${fields.map((f) => `      ${f},\n`).join('')}    }),\n`;
  });
  const identifier = system.replace(/-/g, '_');
  const imports = [...new Set(['catalog', 'project', 'slo', 'system', ...catalog.imports, ...used])].sort();
  const needsMetrics = [...used].some((b) => b !== 'eventsSli');
  const source =
    `// Imported by obsgen import openslo. Lines marked "review:" are guesses to check.\n` +
    `// Builds on its own (obsgen build --definitions <this file>); add ${identifier}System to your project's systems.\n` +
    `import { ${imports.join(', ')} } from 'obsgen';\n\n` +
    catalog.source +
    (needsMetrics ? `\nconst m = ${identifier}.metrics;\n` : '') +
    `\nexport const ${identifier}System = system({\n  catalog: ${identifier},\n  slos: [\n${sources.join('')}  ],\n});\n\n` +
    `export default project({ systems: [${identifier}System] });\n`;
  return { source: prune(source), guesses: catalog.guesses, typedQueries: typed, escapeHatches: escape, lost };
}

interface ReadSlo {
  readonly name: string;
  readonly objective: number;
  readonly period: string;
  readonly description: string | undefined;
  readonly service: string;
  readonly by: readonly string[];
  readonly objectives: string | undefined;
  /** obsgen's own alerting, as its export wrote it (JSON is an object literal). */
  readonly alerting: string | undefined;
  readonly tiers: { readonly page: string; readonly ticket: string };
  readonly noData: boolean;
  /** The SLI as found: obsgen's window templates, or the ratio's queries. */
  readonly sli: {
    readonly events?: { readonly errors: string; readonly total: string };
    readonly bad?: string;
    readonly good?: string;
    readonly total?: string;
    readonly counter: boolean;
    readonly threshold?: number;
  };
  readonly queries: readonly Expr[];
  readonly lost: readonly string[];
}

function readSlo(slo: Loose, objects: Objects, system: string): ReadSlo {
  const metadata = record(slo.metadata);
  const annotations = record(metadata.annotations);
  const spec = record(slo.spec);
  const lost: string[] = [];
  const metadataName = text(metadata.name) ?? 'slo';
  const displayName = text(metadata.displayName);
  const name =
    displayName !== undefined && /^[a-z0-9][a-z0-9-]*$/.test(displayName)
      ? displayName
      : metadataName.startsWith(`${system}-`)
        ? metadataName.slice(system.length + 1)
        : metadataName;
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.map(record) : [];
  if (objectives.length > 1) lost.push(`${name}: ${objectives.length - 1} more objectives (obsgen takes one per SLO)`);
  const first = objectives[0] ?? {};
  const objective =
    typeof first.targetPercent === 'number'
      ? first.targetPercent
      : Number((Number(first.target ?? 0) * 100).toPrecision(12));
  const windows = Array.isArray(spec.timeWindow) ? spec.timeWindow.map(record) : [];
  const window = windows[0] ?? {};
  if (window.calendar !== undefined) lost.push(`${name}: a calendar window (obsgen's periods roll)`);
  // Sloth's v1alpha: objectives[].ratioMetrics with {{.window}} queries, timeWindows count/unit.
  const alpha = record(first.ratioMetrics);
  const alphaWindow = Array.isArray(spec.timeWindows) ? record(spec.timeWindows[0]) : {};
  const period =
    text(window.duration) ??
    (alphaWindow.count !== undefined ? `${Number(alphaWindow.count)}${alphaWindow.unit === 'Day' ? 'd' : 'w'}` : '30d');
  const indicator = record(spec.indicator);
  const sliDocument =
    text(spec.indicatorRef) === undefined ? indicator : (objects.slis.get(String(spec.indicatorRef)) ?? {});
  if (text(spec.indicatorRef) !== undefined && !objects.slis.has(String(spec.indicatorRef)))
    throw new ImportError(
      `SLO ${metadataName} refers to SLI ${String(spec.indicatorRef)}, which the file does not define`,
    );
  const sliAnnotations = record(record(sliDocument.metadata).annotations);
  const ratio = record(record(sliDocument.spec).ratioMetric);
  const query = (side: unknown): string | undefined =>
    text(record(record(record(side).metricSource).spec).query) ?? text(record(side).query);
  let sli: ReadSlo['sli'];
  if (typeof sliAnnotations[`${OBSGEN}/errors-query`] === 'string')
    sli = {
      events: {
        errors: String(sliAnnotations[`${OBSGEN}/errors-query`]),
        total: String(sliAnnotations[`${OBSGEN}/total-query`]),
      },
      counter: false,
    };
  else if (alpha.total !== undefined) {
    const good = query(alpha.good);
    const bad = query(alpha.bad);
    const total = query(alpha.total) ?? '';
    sli = { events: { errors: bad ?? `(${total}) - (${good ?? '0'})`, total }, counter: false };
  } else
    sli = {
      ...(query(ratio.bad) === undefined ? {} : { bad: query(ratio.bad)! }),
      ...(query(ratio.good) === undefined ? {} : { good: query(ratio.good)! }),
      ...(query(ratio.total) === undefined ? {} : { total: query(ratio.total)! }),
      counter: ratio.counter !== false,
      ...(typeof sliAnnotations[`${OBSGEN}/threshold`] === 'string'
        ? { threshold: Number(sliAnnotations[`${OBSGEN}/threshold`]) }
        : {}),
    };
  if (record(sliDocument.spec).thresholdMetric !== undefined)
    lost.push(`${name}: a thresholdMetric SLI (obsgen reads ratios)`);
  const queries = [sli.events?.errors, sli.events?.total, sli.bad, sli.good, sli.total].flatMap((q) => {
    const expr = q === undefined ? undefined : tryParsePromql(q.replace(WINDOW, '5m'));
    return expr === undefined ? [] : [expr];
  });
  const tiers = readTiers(spec, objects, name, lost);
  return {
    name,
    objective,
    period,
    description: text(spec.description),
    service: text(spec.service) ?? system,
    by: typeof annotations[`${OBSGEN}/by`] === 'string' ? String(annotations[`${OBSGEN}/by`]).split(',') : [],
    objectives:
      typeof annotations[`${OBSGEN}/objectives`] === 'string'
        ? objectivesSource(String(annotations[`${OBSGEN}/objectives`]))
        : undefined,
    alerting: text(annotations[`${OBSGEN}/alerting`]),
    tiers: tiers.tiers,
    noData: tiers.noData,
    sli,
    queries,
    lost,
  };
}

/** Page and ticket from the burn-rate policies (by their long windows); `false` for a tier without one. */
function readTiers(
  spec: Loose,
  objects: Objects,
  name: string,
  lost: string[],
): { tiers: { page: string; ticket: string }; noData: boolean } {
  let noData = false;
  const references = Array.isArray(spec.alertPolicies) ? spec.alertPolicies : [];
  const found: Record<'page' | 'ticket', string | undefined> = { page: undefined, ticket: undefined };
  for (const reference of references) {
    const policy =
      typeof reference === 'string'
        ? objects.policies.get(reference)
        : record(reference).kind === 'AlertPolicy'
          ? record(reference)
          : objects.policies.get(text(record(reference).alertPolicyRef) ?? '');
    if (policy === undefined) {
      lost.push(`${name}: alert policy ${JSON.stringify(reference)} is not in the file`);
      continue;
    }
    if (record(policy.spec).alertWhenNoData === true) noData = true;
    for (const condition of Array.isArray(record(policy.spec).conditions)
      ? (record(policy.spec).conditions as unknown[])
      : []) {
      const burn = record(record(record(condition).spec).condition);
      const tier = TIER_OF_WINDOW[String(burn.lookbackWindow)];
      if (burn.kind !== undefined && burn.kind !== 'burnrate')
        lost.push(`${name}: a ${String(burn.kind)} alert condition`);
      else if (tier === undefined)
        lost.push(
          `${name}: a burn-rate condition over ${String(burn.lookbackWindow)} (obsgen's windows are 1h, 6h, 1d and 3d)`,
        );
      else {
        const after = text(burn.alertAfter);
        found[tier] = after === undefined || /^0+[smhd]?$/.test(after) ? '{}' : `{ for: ${stringLiteral(after)} }`;
      }
    }
  }
  return { tiers: { page: found.page ?? 'false', ticket: found.ticket ?? 'false' }, noData };
}

function objectivesSource(json: string): string {
  const value = JSON.parse(json) as { label: string; values: Record<string, number> };
  return `{ label: ${stringLiteral(value.label)}, values: { ${Object.entries(value.values)
    .map(([k, v]) => `${propertyKey(k)}: ${v}`)
    .join(', ')} } }`;
}

/** The SLI as builder code: typed where the queries are `sum(<selector>)` of catalog metrics. */
function sliSource(
  slo: ReadSlo,
  metrics: ReadonlyMap<string, InferredMetric>,
): { source: string; builder: string; review?: string } {
  const { sli } = slo;
  if (sli.events !== undefined)
    return {
      builder: 'eventsSli',
      source: `eventsSli({ errors: (window) => \`${windowed(sli.events.errors)}\`, total: (window) => \`${windowed(sli.events.total)}\` })`,
    };
  const total = sli.total === undefined ? undefined : summed(sli.total, slo.by);
  const bad = sli.bad === undefined ? undefined : summed(sli.bad, slo.by);
  const good = sli.good === undefined ? undefined : summed(sli.good, slo.by);
  if (sli.counter && total !== undefined && total.name !== undefined) {
    if (
      good?.name !== undefined &&
      good.name.endsWith('_bucket') &&
      total.name === good.name.replace(/_bucket$/, '_count')
    ) {
      const family = good.name.slice(0, -'_bucket'.length);
      const le = good.matchers.find((m) => m.label === 'le');
      const threshold = sli.threshold ?? (le === undefined ? undefined : Number(le.value.replace('(\\.0)?', '')));
      const histogram = selectorCode({ ...total, name: family, matchers: total.matchers }, family);
      if (
        threshold !== undefined &&
        Number.isFinite(threshold) &&
        histogram !== undefined &&
        metrics.get(family)?.kind === 'histogram'
      )
        return { builder: 'latencySli', source: `latencySli({ histogram: ${histogram}, threshold: ${threshold} })` };
    }
    const numerator = bad ?? good;
    const numeratorCode = numerator === undefined ? undefined : selectorCode(numerator, numerator.name);
    const totalCode = selectorCode(total, total.name);
    if (
      numeratorCode !== undefined &&
      totalCode !== undefined &&
      [numerator!, total].every((s) => metrics.get(s.name!)?.kind === 'counter')
    )
      return {
        builder: 'ratioSli',
        source: `ratioSli({ ${bad !== undefined ? 'errors' : 'good'}: ${numeratorCode}, total: ${totalCode} })`,
      };
  }
  // Any other ratio: the queries as events, rate taken over obsgen's windows where they are counters.
  const over = (q: string | undefined) =>
    q === undefined ? '0' : sli.counter ? `sum(rate((${q})[\${window}:]))` : templateText(q);
  return {
    builder: 'eventsSli',
    review: 'the SLI queries are not sum(<counter>) ratios; they are read as events, check the windows',
    source: `eventsSli({ errors: (window) => \`${sli.bad !== undefined ? over(sli.bad) : `${over(sli.total)} - ${over(sli.good)}`}\`, total: (window) => \`${over(sli.total)}\` })`,
  };
}

/** The selector of `sum [by (<by>)] (<selector>)`, else undefined. */
function summed(query: string, by: readonly string[]): VectorSelector | undefined {
  const expr = tryParsePromql(query);
  if (expr?.type !== 'aggregate' || expr.op !== 'sum') return undefined;
  const grouping = expr.grouping?.labels ?? [];
  if (expr.grouping?.without === true || grouping.join(',') !== by.join(',')) return undefined;
  const inner = expr.expr.type === 'paren' ? expr.expr.expr : expr.expr;
  return inner.type === 'vector' && inner.name !== undefined && inner.offset === undefined && inner.at === undefined
    ? inner
    : undefined;
}

function selectorCode(selector: VectorSelector, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const matchers = selector.matchers.filter((m) => m.label !== '__name__' && m.label !== 'le');
  if (new Set(matchers.map((m) => m.label)).size !== matchers.length) return undefined;
  const base = memberAccess('m', key);
  if (matchers.length === 0) return base;
  return `${base}.where({ ${matchers
    .map(
      (m) =>
        `${propertyKey(m.label)}: ${m.op === '=' ? stringLiteral(m.value) : `{ op: ${stringLiteral(m.op)}, value: ${stringLiteral(m.value)} }`}`,
    )
    .join(', ')} })`;
}

function windowed(query: string): string {
  return query.trim().split(WINDOW).map(templateText).join('${window}');
}
