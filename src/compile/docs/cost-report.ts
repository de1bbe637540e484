import type { SystemArtifacts } from '../system-artifacts.ts';
import type { SystemFacts } from '../../derive/system-facts.ts';
import type { OutputFile } from '../output-file.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** One query's cost as the report lists it. */
export interface CostRow {
  readonly kind: 'alert' | 'record' | 'panel';
  readonly name: string;
  readonly where: string;
  readonly series: number;
  readonly samples: number;
  /** Evaluations a day (rules: by their group's interval); undefined for panels (per refresh). */
  readonly perDay: number | undefined;
}

/** How many rows per system the report keeps, costliest first. */
const ROWS = 25;

/** A system's query costs, costliest first (what the project's cost report shows of it). */
export function costRows(
  facts: SystemFacts,
  artifacts: SystemArtifacts,
): { readonly system: string; readonly rows: readonly CostRow[]; readonly samplesPerDay: number } {
  const rows: CostRow[] = [];
  let samplesPerDay = 0;
  for (const entry of facts.rules.rules) {
    const cost = artifacts.costs.rules.get(entry.rule);
    if (cost === undefined) continue;
    const perDay = 86_400 / entry.group.intervalSeconds;
    samplesPerDay += cost.samples * perDay;
    rows.push({
      kind: entry.rule.kind,
      name: entry.rule.name,
      where: `group ${entry.group.name}`,
      series: cost.series,
      samples: cost.samples,
      perDay,
    });
  }
  for (const panel of artifacts.costs.panels)
    rows.push({
      kind: 'panel',
      name: panel.panel,
      where: `dashboard ${panel.dashboard.name}`,
      series: panel.cost.series,
      samples: panel.cost.samples,
      perDay: undefined,
    });
  rows.sort((a, b) => b.samples - a.samples || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { system: artifacts.system.name, rows: rows.slice(0, ROWS), samplesPerDay };
}

const n = (value: number): string => (Number.isFinite(value) ? groupedNumber(Math.round(value)) : 'unbounded');

/** `reports/cost.md`: per system, what its rules read a day, then its costliest rules and panels. */
export function costReport(systems: readonly ReturnType<typeof costRows>[], budget: number): OutputFile {
  const sections = systems.map(
    (system) => `## ${system.system}

Rules read about ${n(system.samplesPerDay)} samples a day.

| query | kind | where | series | samples per evaluation | evaluations a day |
|---|---|---|---:|---:|---:|
${system.rows.map((row) => `| \`${row.name}\` | ${row.kind} | ${row.where} | ${n(row.series)} | ${n(row.samples)}${row.samples > budget ? ' ⚠' : ''} | ${row.perDay === undefined ? 'per refresh' : n(row.perDay)} |`).join('\n')}
`,
  );
  const header = `# Query cost

What each rule and dashboard query reads per evaluation, estimated from the catalog: series
selected (the cardinality model, narrowed by equality and literal regex matchers) times samples
per series (1 for an instant selector, range ÷ scrape interval for a range, times steps for a
subquery); a panel is costed as one evaluation, which a range query repeats per step. ⚠ marks
a query above the project's query budget (${n(budget)} samples; promql/expensive).
The ${ROWS} costliest queries of each system are listed.
`;
  return { path: 'reports/cost.md', content: `${header}\n${sections.join('\n')}` };
}
