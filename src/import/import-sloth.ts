import { yamlDocuments } from './yaml-documents.ts';
import type { Expr, VectorSelector } from '../promql/ast.ts';
import { tryParsePromql } from '../promql/parse.ts';
import { record, strings } from './loose-json.ts';
import { ImportError } from './import-error.ts';
import { prune } from './prune-unused.ts';
import { allowSource, type ImportAllows } from './import-allows.ts';
import type { ImportResult } from './import-rules.ts';
import { catalogSource } from './catalog-source.ts';
import { CatalogInference } from './inferred-catalog.ts';
import { memberAccess, propertyKey, stringLiteral, stringRecord, templateText } from './typescript-source.ts';

/** One SLO of a Sloth spec, whichever of its two formats it came from. */
interface SlothSlo {
  readonly name: string;
  readonly objective: number;
  readonly description?: string;
  readonly errorQuery?: string;
  readonly totalQuery?: string;
  /** Why the SLI cannot be imported (raw ratios, plugins). */
  readonly unsupported?: string;
  readonly alerting: {
    readonly name?: string;
    readonly labels: Record<string, string>;
    readonly annotations: Record<string, string>;
    readonly page: { disable: boolean; labels: Record<string, string>; annotations: Record<string, string> };
    readonly ticket: { disable: boolean; labels: Record<string, string>; annotations: Record<string, string> };
  };
}

interface SlothSpec {
  readonly service: string;
  readonly labels: Record<string, string>;
  readonly slos: readonly SlothSlo[];
}

const WINDOW = /\{\{\s*\.window\s*\}\}/g;

/**
 * A Sloth spec (`version: prometheus/v1`, or the `sloth.slok.dev/v1` PrometheusServiceLevel CRD;
 * several documents allowed) as definitions: one system, a catalog inferred from the SLI queries,
 * and an `slo(...)` per Sloth SLO — a typed `ratioSli` when both queries are `sum(rate(x[…]))` of
 * one counter, else `eventsSli` with the queries as written, `{{.window}}` becoming the window.
 */
export function importSloth(text: string, system: string, allows: ImportAllows = new Map()): ImportResult {
  const specs = yamlDocuments(text).flatMap((document) => {
    const spec = slothSpec(document);
    return spec === undefined ? [] : [spec];
  });
  if (specs.length === 0)
    throw new ImportError(
      'found no Sloth spec (version: prometheus/v1, or kind: PrometheusServiceLevel of sloth.slok.dev/v1); OpenSLO documents are read by obsgen import openslo',
    );
  const inference = new CatalogInference();
  for (const spec of specs)
    for (const slo of spec.slos)
      for (const query of [slo.errorQuery, slo.totalQuery]) {
        const expr = query === undefined ? undefined : tryParsePromql(query.replace(WINDOW, '5m'));
        if (expr !== undefined) inference.read(expr);
      }
  const catalog = catalogSource(system, inference.list(), allows, 300);
  const lost: string[] = [];
  const guesses = catalog.guesses;
  let typed = 0;
  let escape = 0;
  const slos: string[] = [];
  const used = new Set<string>();
  const names = new Set<string>();
  const alertNames = new Set<string>();
  for (const spec of specs) {
    if (Object.keys(spec.labels).length > 0)
      lost.push(`${spec.service}: labels on the recording rules (kept on the alerts)`);
    for (const written of spec.slos) {
      // One system holds every document's SLOs: a name used by another service gets its service's.
      const name = names.has(written.name) ? `${spec.service}-${written.name}` : written.name;
      const alertName =
        written.alerting.name === undefined || !alertNames.has(written.alerting.name)
          ? written.alerting.name
          : `${pascalCase(spec.service)}${written.alerting.name}`;
      if (name !== written.name) lost.push(`${written.name} of ${spec.service}: renamed ${name}`);
      names.add(name);
      if (alertName !== undefined) alertNames.add(alertName);
      const slo: SlothSlo = {
        ...written,
        name,
        alerting: { ...written.alerting, ...(alertName === undefined ? {} : { name: alertName }) },
      };
      if (slo.unsupported !== undefined || slo.errorQuery === undefined || slo.totalQuery === undefined) {
        lost.push(`${slo.name}: ${slo.unsupported ?? 'no SLI'}; not imported`);
        continue;
      }
      const ratio = ratioSource(slo.errorQuery, slo.totalQuery, catalog.metrics);
      const sli =
        ratio ??
        `eventsSli({\n        errors: (window) => \`${windowed(slo.errorQuery)}\`,\n        total: (window) => \`${windowed(slo.totalQuery)}\`,\n      })`;
      if (ratio === undefined) escape++;
      else typed++;
      used.add(ratio === undefined ? 'eventsSli' : 'ratioSli');
      const tier = (t: SlothSlo['alerting']['page']): string => {
        if (t.disable) return 'false';
        const labels: Record<string, string> = { ...spec.labels, ...slo.alerting.labels, ...t.labels };
        if (labels.severity !== undefined) {
          // obsgen sets severity by tier (page: critical, ticket: warning); routing reads it.
          lost.push(
            `${slo.name}: severity ${labels.severity} (obsgen's page alert is critical, its ticket alert warning)`,
          );
          delete labels.severity;
        }
        const annotations = { ...slo.alerting.annotations, ...t.annotations };
        const fields = [
          ...(Object.keys(labels).length === 0 ? [] : [`labels: ${stringRecord(labels)}`]),
          ...(Object.keys(annotations).length === 0 ? [] : [`annotations: ${stringRecord(annotations)}`]),
        ];
        return `{ ${fields.join(', ')} }`;
      };
      const alerting = [
        ...(slo.alerting.name === undefined ? [] : [`name: ${stringLiteral(slo.alerting.name)}`]),
        `page: ${tier(slo.alerting.page)}`,
        `ticket: ${tier(slo.alerting.ticket)}`,
        // Sloth writes no alert for a missing SLI; obsgen's would be new.
        'noData: false',
      ];
      if (slo.alerting.name !== undefined)
        lost.push(
          `${slo.name}: one alert ${slo.alerting.name} with sloth_severity page/ticket becomes ${slo.alerting.name}FastBurn and ${slo.alerting.name}SlowBurn`,
        );
      const allowed = allowSource(allows.get(`${system}/slo/${slo.name}`));
      slos.push(
        `    slo(${stringLiteral(slo.name)}, {\n` +
          `      objective: ${slo.objective},\n` +
          (slo.description === undefined ? '' : `      description: ${stringLiteral(slo.description)},\n`) +
          (spec.service === system ? '' : `      service: ${stringLiteral(spec.service)},\n`) +
          `      sli: ${sli},\n` +
          `      alerting: { ${alerting.join(', ')} },\n` +
          (allowed === undefined ? '' : `      ${allowed},\n`) +
          `    }),\n`,
      );
    }
  }
  const identifier = system.replace(/-/g, '_');
  const imports = [...new Set(['catalog', 'project', 'slo', 'system', ...catalog.imports, ...used])].sort();
  const source =
    `// Imported by obsgen import sloth. Lines marked "review:" are guesses to check.\n` +
    `// Builds on its own (obsgen build --definitions <this file>); add ${identifier}System to your project's systems.\n` +
    `import { ${imports.join(', ')} } from 'obsgen';\n\n` +
    catalog.source +
    (used.has('ratioSli') ? `\nconst m = ${identifier}.metrics;\n` : '') +
    `\nexport const ${identifier}System = system({\n  catalog: ${identifier},\n  slos: [\n${slos.join('')}  ],\n});\n\n` +
    `export default project({ systems: [${identifier}System] });\n`;
  return { source: prune(source), guesses, typedQueries: typed, escapeHatches: escape, lost };
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** `ratioSli({ errors, total })` when both queries are `sum(rate(<one counter>{…}[{{.window}}]))`. */
function ratioSource(
  errorQuery: string,
  totalQuery: string,
  metrics: ReadonlyMap<string, { readonly kind: string; readonly labels: ReadonlySet<string> }>,
): string | undefined {
  const errors = sumOfRate(errorQuery);
  const total = sumOfRate(totalQuery);
  if (errors === undefined || total === undefined || errors.name !== total.name) return undefined;
  const metric = metrics.get(errors.name!);
  if (metric?.kind !== 'counter') return undefined;
  const selector = (s: VectorSelector): string | undefined => {
    if (s.offset !== undefined || s.at !== undefined) return undefined;
    const matchers = s.matchers.filter((m) => m.label !== '__name__');
    if (new Set(matchers.map((m) => m.label)).size !== matchers.length) return undefined;
    const base = memberAccess('m', s.name!);
    if (matchers.length === 0) return base;
    const parts = matchers.map(
      (m) =>
        `${propertyKey(m.label)}: ${m.op === '=' ? stringLiteral(m.value) : `{ op: ${stringLiteral(m.op)}, value: ${stringLiteral(m.value)} }`}`,
    );
    return `${base}.where({ ${parts.join(', ')} })`;
  };
  const e = selector(errors);
  const t = selector(total);
  return e === undefined || t === undefined ? undefined : `ratioSli({ errors: ${e}, total: ${t} })`;
}

/** The selector of `sum(rate(<selector>[window]))` (no grouping), else undefined. */
function sumOfRate(query: string): VectorSelector | undefined {
  const expr = tryParsePromql(query.replace(WINDOW, '5m'));
  const inner =
    expr?.type === 'aggregate' && expr.op === 'sum' && expr.grouping === undefined ? unparen(expr.expr) : undefined;
  if (inner?.type !== 'call' || inner.func !== 'rate' || inner.args.length !== 1) return undefined;
  const arg = inner.args[0]!;
  return arg.type === 'matrix' && arg.vector.name !== undefined ? arg.vector : undefined;
}

function unparen(expr: Expr): Expr {
  return expr.type === 'paren' ? unparen(expr.expr) : expr;
}

/** The query as a template literal's text, `{{.window}}` becoming `${window}`. */
function windowed(query: string): string {
  return query.trim().split(WINDOW).map(templateText).join('${window}');
}

/** prometheus/v1 (snake_case) or sloth.slok.dev/v1 (camelCase, under spec); undefined for anything else. */
function slothSpec(value: unknown): SlothSpec | undefined {
  const document = record(value);
  const body =
    document.version === 'prometheus/v1'
      ? document
      : document.apiVersion === 'sloth.slok.dev/v1' && document.kind === 'PrometheusServiceLevel'
        ? record(document.spec)
        : undefined;
  if (body === undefined) return undefined;
  const slos = (Array.isArray(body.slos) ? body.slos : []).map((raw): SlothSlo => {
    const slo = record(raw);
    const sli = record(slo.sli);
    const events = record(sli.events);
    const alerting = record(slo.alerting);
    const tier = (value: unknown) => {
      const t = record(value);
      return { disable: t.disable === true, labels: strings(t.labels), annotations: strings(t.annotations) };
    };
    const errorQuery = events.error_query ?? events.errorQuery;
    const totalQuery = events.total_query ?? events.totalQuery;
    return {
      name: String(slo.name),
      objective: Number(slo.objective),
      ...(typeof slo.description === 'string' ? { description: slo.description } : {}),
      ...(typeof errorQuery === 'string' ? { errorQuery } : {}),
      ...(typeof totalQuery === 'string' ? { totalQuery } : {}),
      ...(sli.raw !== undefined
        ? { unsupported: 'a raw error-ratio SLI (obsgen takes events or typed ratios)' }
        : sli.plugin !== undefined
          ? { unsupported: `SLI plugin ${String(record(sli.plugin).id)}` }
          : {}),
      alerting: {
        ...(typeof alerting.name === 'string' ? { name: alerting.name } : {}),
        labels: strings(alerting.labels),
        annotations: strings(alerting.annotations),
        page: tier(alerting.page_alert ?? alerting.pageAlert),
        ticket: tier(alerting.ticket_alert ?? alerting.ticketAlert),
      },
    };
  });
  return { service: String(body.service), labels: strings(body.labels), slos };
}
