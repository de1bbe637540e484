import { isPromqlTarget } from '../grafana/panel-data-source.ts';
import { expandGrafanaVariables } from '../grafana/variable-expansion.ts';
import { tryParsePromql } from '../promql/parse.ts';
import { list, record, text, type Loose } from './loose-json.ts';
import { allowSource, type ImportAllows } from './import-allows.ts';
import { ImportError } from './import-error.ts';
import { prune } from './prune-unused.ts';
import type { ImportResult } from './import-rules.ts';
import { catalogSource } from './catalog-source.ts';
import { CatalogInference } from './inferred-catalog.ts';
import { stringLiteral } from './typescript-source.ts';

/** Grafana panel types and the builder that writes each; legacy types map to their successors. */
const PANEL_BUILDERS: Readonly<Record<string, string>> = {
  timeseries: 'timeseries',
  graph: 'timeseries',
  stat: 'stat',
  singlestat: 'stat',
  gauge: 'gaugePanel',
  bargauge: 'barGauge',
  barchart: 'barChart',
  table: 'table',
  'table-old': 'table',
  heatmap: 'heatmap',
};

/** How many of the dashboard's panels and Prometheus queries the definition carries. */
export interface DashboardImportCounts {
  readonly panels: number;
  readonly panelsImported: number;
  readonly queries: number;
  readonly queriesImported: number;
}

/**
 * A Grafana dashboard's JSON (`panels` with row panels, or the legacy `rows`) as a dashboard
 * definition: rows, panels of the types obsgen writes (graph and singlestat become timeseries and
 * stat), each Prometheus target's PromQL as Grafana runs it (with its `$variables`, checked after
 * expansion), legends, units, sizes, and the query/custom/interval variables. A catalog is
 * inferred from the expanded queries. Other panel types, data sources and variables are listed.
 */
export function importDashboard(
  input: string,
  system: string,
  allows: ImportAllows = new Map(),
): ImportResult & { counts: DashboardImportCounts } {
  let json: Loose;
  try {
    json = record(JSON.parse(input));
  } catch (error) {
    throw new ImportError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const title = text(json.title) ?? system;
  if (!Array.isArray(json.panels) && !Array.isArray(json.rows))
    throw new ImportError('found no Grafana dashboard (a JSON object with panels or rows)');
  const lost: string[] = [];
  const counts = { panels: 0, panelsImported: 0, queries: 0, queriesImported: 0 };
  const rows = rowsOf(json);
  const variables = variablesOf(json, lost);
  // Grafana's own variable objects: the expansion reads their current values and options.
  const declared = new Map(
    list(record(json.templating).list).map((v) => [String(v.name), v] as const),
  ) as unknown as Parameters<typeof expandGrafanaVariables>[1];
  const inference = new CatalogInference();
  const used = new Set<string>(['dashboard', 'row']);
  const rowSources = rows.map((row) => {
    const panels = row.panels.flatMap((panel) => {
      counts.panels++;
      const panelTitle = text(panel.title) ?? '';
      const type = String(panel.type);
      const builder = PANEL_BUILDERS[type];
      const targets = list(panel.targets);
      // PromQL targets only, with the data source followed through panel, target and variables.
      const prometheus = targets.filter((t) => isPromqlTarget(t, panel, declared));
      counts.queries += prometheus.length;
      if (type === 'text') {
        counts.panelsImported++;
        used.add('text');
        const content = text(record(panel.options).content) ?? text(panel.content) ?? '';
        return [`      text(${stringLiteral(panelTitle)}, ${stringLiteral(content)}${options(panel, lost)}),\n`];
      }
      if (builder === undefined) {
        lost.push(`panel ${JSON.stringify(panelTitle)}: type ${type}`);
        return [];
      }
      if (prometheus.length === 0) {
        lost.push(`panel ${JSON.stringify(panelTitle)}: no Prometheus query`);
        return [];
      }
      if (prometheus.length < targets.length)
        lost.push(
          `panel ${JSON.stringify(panelTitle)}: ${targets.length - prometheus.length} targets of other data sources or empty`,
        );
      counts.panelsImported++;
      counts.queriesImported += prometheus.length;
      used.add(builder);
      for (const target of prometheus) {
        const expr = tryParsePromql(expandGrafanaVariables(String(target.expr), declared));
        if (expr !== undefined) inference.read(expr);
      }
      const targetSources = prometheus.map((target) => {
        const legend = text(target.legendFormat);
        const instant = target.instant === true || target.format === 'table';
        const query = stringLiteral(String(target.expr));
        if ((legend === undefined || legend === '' || legend === '__auto') && !instant) return query;
        return `{ query: ${query}${legend === undefined || legend === '' || legend === '__auto' ? '' : `, legend: ${stringLiteral(legend)}`}${instant ? ', instant: true' : ''} }`;
      });
      const targetsSource = targetSources.length === 1 ? targetSources[0]! : `[${targetSources.join(', ')}]`;
      return [`      ${builder}(${stringLiteral(panelTitle)}, ${targetsSource}${options(panel, lost)}),\n`];
    });
    return `    row(${stringLiteral(row.title)}, [\n${panels.join('')}    ]${row.collapsed ? ', { collapsed: true }' : ''}),\n`;
  });
  const catalog = catalogSource(system, inference.list(), allows, 60);
  const name = slug(title);
  const identifier = system.replace(/-/g, '_');
  const allowed = allowSource(allows.get(`${system}/dashboard/${name}`));
  const uid = text(json.uid);
  const links = linksOf(json, lost);
  const fields = [
    `title: ${stringLiteral(title)}`,
    ...(uid === undefined || uid === '' ? [] : [`uid: ${stringLiteral(uid)}`]),
    ...(text(json.description) === undefined ? [] : [`description: ${stringLiteral(String(json.description))}`]),
    ...(Array.isArray(json.tags) && json.tags.length > 0
      ? [`tags: [${json.tags.map((t) => stringLiteral(String(t))).join(', ')}]`]
      : []),
    ...(variables.length === 0 ? [] : [`variables: [\n${variables.map((v) => `    ${v.source},\n`).join('')}  ]`]),
    ...(links.length === 0 ? [] : [`links: [${links.join(', ')}]`]),
    `rows: [\n${rowSources.join('')}  ]`,
    ...(allowed === undefined ? [] : [allowed]),
  ];
  const imports = [...new Set(['catalog', 'project', 'system', ...catalog.imports, ...used])].sort();
  const source =
    `// Imported by obsgen import dashboard. Lines marked "review:" are guesses to check.\n` +
    `// Builds on its own (obsgen build --definitions <this file>); add ${identifier}System to your project's systems.\n` +
    `import { ${imports.join(', ')} } from 'obsgen';\n\n` +
    catalog.source +
    `\nexport const ${identifier}System = system({\n  catalog: ${identifier},\n  dashboards: [\n    dashboard(${stringLiteral(name)}, {\n${fields.map((f) => `  ${f.replace(/\n/g, '\n  ')},\n`.replace(/^/, '    ')).join('')}    }),\n  ],\n});\n\n` +
    `export default project({ systems: [${identifier}System] });\n`;
  return {
    source: prune(source),
    guesses: catalog.guesses,
    typedQueries: 0,
    escapeHatches: counts.queriesImported,
    lost: groupedFieldConfig(lost),
    counts,
  };
}

/** `panel "A": field config color` for many panels as one line: which setting, on which panels. */
function groupedFieldConfig(lost: readonly string[]): string[] {
  const panels = new Map<string, string[]>();
  const others: string[] = [];
  for (const line of lost) {
    const match = /^panel (".*"): field config (.+)$/.exec(line);
    if (match === null) others.push(line);
    else panels.set(match[2]!, [...(panels.get(match[2]!) ?? []), match[1]!]);
  }
  return [
    ...others,
    ...[...panels.entries()].map(
      ([settings, titles]) =>
        `field config ${settings}: ${titles.length} panel${titles.length === 1 ? '' : 's'} (${titles.slice(0, 5).join(', ')}${titles.length > 5 ? ', …' : ''})`,
    ),
  ];
}

interface ImportedRow {
  readonly title: string;
  readonly collapsed: boolean;
  readonly panels: readonly Loose[];
}

/** Rows in order: panels before the first row panel form a row named like the dashboard's top. */
/**
 * The dashboard's rows: legacy `rows[]` (schema before 16) and the row panels of `panels[]`, both
 * read, as Grafana reads a dashboard that has both (an empty `rows: []` must not hide `panels`).
 */
function rowsOf(json: Loose): ImportedRow[] {
  const rows: { title: string; collapsed: boolean; panels: Loose[] }[] = list(json.rows).map((row, i) => ({
    title: text(row.title) ?? `Row ${i + 1}`,
    collapsed: row.collapse === true,
    panels: list(row.panels),
  }));
  let current: { title: string; collapsed: boolean; panels: Loose[] } | undefined;
  for (const panel of list(json.panels)) {
    if (panel.type === 'row') {
      current = {
        title: text(panel.title) || `Row ${rows.length + 1}`,
        collapsed: panel.collapsed === true,
        panels: list(panel.panels),
      };
      rows.push(current);
      continue;
    }
    if (current === undefined) {
      current = { title: 'Overview', collapsed: false, panels: [] };
      rows.push(current);
    }
    current.panels.push(panel);
  }
  return rows.filter((row) => row.panels.length > 0);
}

/** The panel's options obsgen writes: description, unit, min/max, size and position. */
function options(panel: Loose, lost: string[]): string {
  const defaults = record(record(panel.fieldConfig).defaults);
  const grid = record(panel.gridPos);
  const fields: string[] = [];
  if (text(panel.description) !== undefined && panel.description !== '')
    fields.push(`description: ${stringLiteral(String(panel.description))}`);
  const unit =
    text(defaults.unit) ??
    (Array.isArray(panel.yaxes) ? text(record(panel.yaxes[0]).format) : undefined) ??
    text(panel.format);
  if (unit !== undefined && unit !== '' && unit !== 'short' && unit !== 'none')
    fields.push(`unit: ${stringLiteral(unit)}`);
  if (typeof defaults.min === 'number') fields.push(`min: ${defaults.min}`);
  if (typeof defaults.max === 'number') fields.push(`max: ${defaults.max}`);
  if (['x', 'y', 'w', 'h'].every((k) => typeof grid[k] === 'number'))
    fields.push(`gridPos: { x: ${Number(grid.x)}, y: ${Number(grid.y)}, w: ${Number(grid.w)}, h: ${Number(grid.h)} }`);
  const title = JSON.stringify(text(panel.title) ?? '');
  if (panel.transformations !== undefined && list(panel.transformations).length > 0)
    lost.push(`panel ${title}: transformations`);
  fields.push(...fieldConfigOptions(panel, title, lost));
  return fields.length === 0 ? '' : `, { ${fields.join(', ')} }`;
}

/** fieldConfig.defaults keys written above (unit, min, max) or below (thresholds, mappings, decimals). */
const CARRIED_DEFAULTS = new Set(['unit', 'min', 'max', 'thresholds', 'mappings', 'decimals']);

/**
 * Thresholds and value mappings as obsgen's options; decimals and field overrides through the
 * foundation SDK's builder (`sdk`), as Grafana has them. What neither carries is listed.
 */
function fieldConfigOptions(panel: Loose, title: string, lost: string[]): string[] {
  const fieldConfig = record(panel.fieldConfig);
  const defaults = record(fieldConfig.defaults);
  const fields: string[] = [];
  const thresholds = record(defaults.thresholds);
  const steps = list(thresholds.steps).filter((step) => typeof step.color === 'string');
  if (steps.length > 0) {
    if (thresholds.mode === 'percentage') lost.push(`panel ${title}: thresholds in percentage mode`);
    else
      fields.push(
        `thresholds: [${steps.map((step, i) => `{ value: ${i === 0 || typeof step.value !== 'number' ? 0 : step.value}, color: ${stringLiteral(String(step.color))} }`).join(', ')}]`,
      );
  }
  const mappings = list(defaults.mappings).flatMap((mapping): string[] => {
    const options = record(mapping.options);
    if (mapping.type === 'value')
      return Object.entries(options).map(([value, result]) =>
        mappingSource(`value: ${stringLiteral(value)}`, record(result)),
      );
    if (mapping.type === 'range')
      return [
        mappingSource(
          `from: ${typeof options.from === 'number' ? options.from : 'null'}, to: ${typeof options.to === 'number' ? options.to : 'null'}`,
          record(options.result),
        ),
      ];
    lost.push(`panel ${title}: a ${String(mapping.type)} value mapping`);
    return [];
  });
  if (mappings.length > 0) fields.push(`mappings: [${mappings.join(', ')}]`);
  const sdk: string[] = [];
  if (typeof defaults.decimals === 'number') sdk.push(`.decimals(${defaults.decimals})`);
  const overrides = list(fieldConfig.overrides);
  if (overrides.length > 0) sdk.push(`.overrides(${JSON.stringify(overrides)})`);
  if (sdk.length > 0) {
    if (panel.type === 'text') lost.push(`panel ${title}: decimals and overrides of a text panel`);
    else fields.push(`sdk: (panel) => void panel${sdk.join('')}`);
  }
  const other = Object.keys(defaults).filter((key) => !CARRIED_DEFAULTS.has(key) && !isEmpty(defaults[key]));
  if (other.length > 0) lost.push(`panel ${title}: field config ${other.sort().join(', ')}`);
  return fields;
}

function mappingSource(match: string, result: Loose): string {
  const color = text(result.color);
  return `{ ${match}, text: ${stringLiteral(text(result.text) ?? '')}${color === undefined ? '' : `, color: ${stringLiteral(color)}`} }`;
}

/** Grafana writes empty objects and lists for settings no one made. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && Object.keys(value).length === 0)
  );
}

/** The dashboard's header links: URL links and tag links as obsgen writes them; others listed. */
function linksOf(json: Loose, lost: string[]): string[] {
  return list(json.links).flatMap((link): string[] => {
    const title = stringLiteral(text(link.title) ?? '');
    if (link.type === 'link' && typeof link.url === 'string')
      return [
        `{ title: ${title}, url: ${stringLiteral(link.url)}${link.keepTime === true ? ', keepTime: true' : ''} }`,
      ];
    if (link.type === 'dashboards' && Array.isArray(link.tags))
      return [
        `{ title: ${title}, tags: [${link.tags.map((tag) => stringLiteral(String(tag))).join(', ')}]${link.asDropdown === true ? ', asDropdown: true' : ''} }`,
      ];
    lost.push(`link ${title}: type ${String(link.type)}`);
    return [];
  });
}

interface ImportedVariable {
  readonly name: string;
  readonly source: string;
}

function variablesOf(json: Loose, lost: string[]): ImportedVariable[] {
  return list(record(json.templating).list).flatMap((variable): ImportedVariable[] => {
    const name = text(variable.name) ?? '';
    const label = text(variable.label);
    const common = `name: ${stringLiteral(name)}${label === undefined || label === '' ? '' : `, label: ${stringLiteral(label)}`}`;
    const flags = `${variable.multi === true ? ', multi: true' : ''}${variable.includeAll === true ? ', includeAll: true' : ''}`;
    switch (variable.type) {
      case 'datasource':
        // obsgen declares its own `datasource` variable on every dashboard.
        if (name !== 'datasource') lost.push(`variable ${name}: a data source variable (obsgen's is named datasource)`);
        return [];
      case 'query': {
        const query = text(variable.query) ?? text(record(variable.query).query) ?? '';
        return [{ name, source: `{ kind: 'query', ${common}, query: ${stringLiteral(query)}${flags} }` }];
      }
      case 'custom': {
        const values = (text(variable.query) ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
        if (values.length === 0) {
          lost.push(`variable ${name}: a custom variable without values`);
          return [];
        }
        return [
          {
            name,
            source: `{ kind: 'custom', ${common}, values: [${values.map(stringLiteral).join(', ')}]${flags} }`,
          },
        ];
      }
      case 'interval': {
        const values = (text(variable.query) ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
        return [
          {
            name,
            source: `{ kind: 'interval', name: ${stringLiteral(name)}, values: [${values.map(stringLiteral).join(', ')}] }`,
          },
        ];
      }
      case 'textbox':
      case 'constant': {
        const value = text(variable.query) ?? text(record(variable.current).value) ?? '';
        return [
          {
            name,
            source:
              variable.type === 'textbox'
                ? `{ kind: 'textbox', ${common}, value: ${stringLiteral(value)} }`
                : `{ kind: 'constant', name: ${stringLiteral(name)}, value: ${stringLiteral(value)} }`,
          },
        ];
      }
      default:
        lost.push(`variable ${name}: type ${String(variable.type)}`);
        return [];
    }
  });
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'dashboard' : s;
}
