import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import {
  bounded,
  catalog,
  counter,
  eventsSli,
  histogram,
  project,
  slo,
  system,
  type LabelDomain,
  type MetricSpec,
} from '../src/index.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { decimal, divide, subtract, toNumber } from '../src/derive/slo/decimal.ts';
import { exampleMatching, exampleNotMatching } from '../src/derive/slo/example-values.ts';
import type { VectorSelector } from '../src/promql/ast.ts';
import { corpusDir } from './support/corpus.ts';
import { repositoryScratch } from './support/repository-scratch.ts';
import { importSloth } from '../src/import/import-sloth.ts';
import type { Project } from '../src/model/system.ts';

interface SlothSlo {
  readonly file: string;
  readonly service: string;
  readonly name: string;
  readonly objective: number;
  readonly errorQuery: string;
  readonly totalQuery: string;
  readonly page: boolean;
  readonly ticket: boolean;
}

/** Sloth's own spec formats: prometheus/v1 and the sloth.slok.dev/v1 CRD (OpenSLO is another format). */
function slothSlos(): SlothSlo[] {
  const dir = corpusDir('sloth');
  const out: SlothSlo[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.spec.yml'))
    .sort()) {
    for (const document of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const value = document.toJS() as {
        version?: string;
        apiVersion?: string;
        service?: string;
        slos?: unknown[];
        spec?: { service?: string; slos?: unknown[] };
      } | null;
      const body =
        value?.version === 'prometheus/v1' ? value : value?.apiVersion === 'sloth.slok.dev/v1' ? value.spec : undefined;
      for (const raw of body?.slos ?? []) {
        const s = raw as {
          name: string;
          objective: number;
          sli?: { events?: Record<string, string> };
          alerting?: Record<string, { disable?: boolean }>;
        };
        const events = s.sli?.events;
        if (events === undefined) continue;
        out.push({
          file,
          service: body?.service ?? '',
          name: s.name,
          objective: s.objective,
          errorQuery: events.error_query ?? events.errorQuery ?? '',
          totalQuery: events.total_query ?? events.totalQuery ?? '',
          page: s.alerting?.page_alert?.disable !== true && s.alerting?.pageAlert?.disable !== true,
          ticket: s.alerting?.ticket_alert?.disable !== true && s.alerting?.ticketAlert?.disable !== true,
        });
      }
    }
  }
  return out;
}

/** The selector of `sum(rate(<selector>[{{.window}}]))`, the counter-ratio shape traffic can be generated for. */
function plainRateSelector(query: string): VectorSelector | undefined {
  const match = /^\s*sum\s*\(\s*rate\s*\(\s*([\s\S]+?)\[\{\{\.window\}\}\]\s*\)\s*\)\s*$/.exec(query);
  if (match?.[1] === undefined) return undefined;
  const expr = parsePromql(match[1]);
  return expr.type === 'vector' && expr.name !== undefined ? expr : undefined;
}

/** SLOs with a plain events SLI that still cannot be compared, and why. */
const EXCLUDED: Readonly<Record<string, string>> = {
  'victoria-metrics.spec.yml': 'MetricsQL, which Prometheus does not load',
  'contrib-denominator-corrected.spec.yml:slo1':
    "Sloth's denominator_corrected_rules plugin rewrites the SLI arithmetic",
  'contrib-slo-plugins.spec.yml:requests-availability-contrib-plugin-info-labels-v1':
    "Sloth's output does not load in Prometheus (invalid label name plug-l2)",
};

const ELIGIBLE = slothSlos().filter(
  (s) =>
    plainRateSelector(s.errorQuery) !== undefined &&
    plainRateSelector(s.totalQuery) !== undefined &&
    EXCLUDED[s.file] === undefined &&
    EXCLUDED[`${s.file}:${s.name}`] === undefined,
);

function labelsFor(selector: VectorSelector, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of selector.matchers) {
    const value =
      m.op === '='
        ? m.value
        : m.op === '=~'
          ? exampleMatching(m.value)
          : exampleNotMatching(m.op === '!=' ? '=' : '=~', m.value);
    if (value === undefined) throw new Error(`no example for ${m.label}${m.op}${m.value}`);
    labels[m.label] = value;
  }
  return { ...labels, ...extra };
}

function seriesText(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** Sloth's three groups for one SLO, from its generated file (plain or CRD-wrapped). */
function slothGroups(spec: SlothSlo, id: string): unknown[] {
  const generated = path.join(corpusDir('sloth'), spec.file.replace('.spec.yml', '.generated.yml'));
  const groups: { name: string }[] = [];
  for (const document of parseAllDocuments(readFileSync(generated, 'utf8'))) {
    const value = document.toJS() as { groups?: { name: string }[]; spec?: { groups?: { name: string }[] } } | null;
    groups.push(...(value?.groups ?? value?.spec?.groups ?? []));
  }
  return groups.filter((g) => /^sloth-slo-(sli-recordings|meta-recordings|alerts)-(.+)$/.exec(g.name)?.[2] === id);
}

/** obsgen's rules for the same SLO, compiled from the spec's own queries. */
function obsgenRules(spec: SlothSlo): string {
  const error = plainRateSelector(spec.errorQuery)!;
  const total = plainRateSelector(spec.totalQuery)!;
  const labelNames = [...new Set([...error.matchers, ...total.matchers].map((m) => m.label))];
  const labels: Record<string, LabelDomain> = Object.fromEntries(
    labelNames.map((l) => [l, bounded(100, 'Sloth example')]),
  );
  // `x_count` is the count series of a histogram x; anything else is a counter.
  const metrics: Record<string, MetricSpec> = Object.fromEntries(
    [...new Set([error.name!, total.name!])].map((name) =>
      name.endsWith('_count')
        ? [
            name.slice(0, -'_count'.length),
            histogram({ help: 'Sloth example.', unit: 'seconds', labels: labelNames, buckets: [0.1, 1] }),
          ]
        : [name, counter({ help: 'Sloth example.', labels: labelNames })],
    ),
  );
  const compiled = compileProject(
    project({
      systems: [
        system({
          catalog: catalog(spec.service, { scrapeInterval: '15s', instances: 1, labels, metrics }),
          slos: [
            slo(spec.name, {
              objective: spec.objective,
              sli: eventsSli({
                errors: (w) => spec.errorQuery.replaceAll('{{.window}}', w),
                total: (w) => spec.totalQuery.replaceAll('{{.window}}', w),
              }),
              alerting: { page: spec.page ? {} : false, ticket: spec.ticket ? {} : false, noData: false },
            }),
          ],
        }),
      ],
    }),
  );
  const errors = compiled.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((f) => `${f.rule}: ${f.message}`).join('\n'));
  // The SLO's group and its period group (the period window and what is derived from it).
  const files = [`slo-${spec.name}.rules.yml`, `slo-${spec.name}.period.rules.yml`].map(
    (name) => `prometheus/${spec.service}/${name}`,
  );
  const groups = compiled.files
    .filter((f) => files.includes(f.path))
    .flatMap((f) => (parse(f.content) as { groups: unknown[] }).groups);
  return stringify({ groups }, { lineWidth: 0 });
}

/**
 * obsgen's rules for the same SLO from `obsgen import sloth` of the spec file: the definitions the
 * import writes, loaded and compiled. Its id (a second service's SLO of one name is renamed) is
 * rewritten to Sloth's, so the same test compares them.
 */
async function importedRules(spec: SlothSlo, id: string): Promise<string> {
  const file = path.join(repositoryScratch('sloth-import'), 'imported.ts');
  writeFileSync(file, importSloth(readFileSync(path.join(corpusDir('sloth'), spec.file), 'utf8'), 'imported').source);
  const definitions = ((await import(file)) as { default: Project }).default;
  const slo = definitions.systems[0]!.slos.find(
    (s) =>
      (s.service ?? 'imported') === spec.service && (s.name === spec.name || s.name === `${spec.service}-${spec.name}`),
  )!;
  const compiled = compileProject(definitions);
  const files = [`slo-${slo.name}.rules.yml`, `slo-${slo.name}.period.rules.yml`].map(
    (name) => `prometheus/imported/${name}`,
  );
  const groups = compiled.files
    .filter((f) => files.includes(f.path))
    .flatMap((f) => (parse(f.content) as { groups: unknown[] }).groups);
  return stringify({ groups }, { lineWidth: 0 })
    .replaceAll(`${spec.service}-${slo.name}`, id)
    .replaceAll(`sloth_slo: ${slo.name}`, `sloth_slo: ${spec.name}`)
    .replaceAll(`sloth_slo="${slo.name}"`, `sloth_slo="${spec.name}"`);
}

/**
 * One promtool test over Sloth's rules and ours together (ours renamed obsgen_slo:…): each
 * shared series equals its Sloth twin within 1e-9, Sloth's equals the analytic value, and the
 * same tiers fire on both sides.
 */
function testFile(spec: SlothSlo, id: string, slothAlertName: string, ourAlerts: string): string {
  const error = plainRateSelector(spec.errorQuery)!;
  const total = plainRateSelector(spec.totalQuery)!;
  const b = toNumber(subtract(decimal(1), divide(decimal(spec.objective), decimal(100))));
  const perMinute = 100_000;
  const scenario = (name: string, burn: number, firing: readonly string[]) => {
    const bad = Math.round(Math.min(0.9, burn * b) * perMinute);
    const r = bad / perMinute;
    const badLabels = labelsFor(error);
    // The other events: the total selector's labels, and a value outside each error matcher.
    const okLabels = labelsFor(total);
    for (const m of error.matchers)
      if (!total.matchers.some((t) => t.label === m.label)) okLabels[m.label] = exampleNotMatching(m.op, m.value)!;
    const series =
      error.name === total.name
        ? [
            { series: seriesText(error.name!, badLabels), values: `0+${bad}x80` },
            { series: seriesText(total.name!, okLabels), values: `0+${perMinute - bad}x80` },
          ]
        : [
            { series: seriesText(error.name!, badLabels), values: `0+${bad}x80` },
            { series: seriesText(total.name!, okLabels), values: `0+${perMinute}x80` },
          ];
    const sel = `{sloth_id="${id}"}`;
    const holds = (expr: string) => ({ expr, eval_time: '1h10m', exp_samples: [{ labels: '{}', value: 1 }] });
    const shared = [
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [`slo:sli_error:ratio_rate${w}`, r] as const),
      ['slo:objective:ratio', 1 - b],
      ['slo:error_budget:ratio', b],
      ['slo:time_period:days', 30],
      ['slo:current_burn_rate:ratio', r / b],
      ['slo:period_burn_rate:ratio', r / b],
      ['slo:period_error_budget_remaining:ratio', 1 - r / b],
    ] as const;
    const firingCount = (alertname: string) => ({
      expr: `count by (sloth_severity) (ALERTS{alertstate="firing", alertname=~"${alertname}"})`,
      eval_time: '1h10m',
      exp_samples: firing.map((severity) => ({ labels: `{sloth_severity="${severity}"}`, value: 1 })),
    });
    return {
      name: `${id}: ${name}`,
      interval: '1m',
      input_series: series,
      promql_expr_test: [
        ...shared.flatMap(([record, expected]) => [
          holds(`abs(max(${record}${sel}) - max(obsgen_${record}${sel})) < bool 1e-9`),
          holds(`abs(max(${record}${sel}) - ${expected}) < bool ${Math.max(1e-9, Math.abs(expected) * 1e-9)}`),
        ]),
        firingCount(slothAlertName),
        firingCount(ourAlerts),
      ],
    };
  };
  const tiers = (names: readonly ('page' | 'ticket')[]) =>
    names.filter((t) => (t === 'page' ? spec.page : spec.ticket));
  return stringify(
    {
      rule_files: ['sloth.rules.yml', 'obsgen.rules.yml'],
      evaluation_interval: '1m',
      tests: [
        scenario('burning 20× the budget fires page and ticket', 20, tiers(['page', 'ticket'])),
        scenario('burning 2× the budget fires only the ticket', 2, tiers(['ticket'])),
      ],
    },
    { lineWidth: 0 },
  );
}

function promtool(): string {
  const found = locateTool('promtool');
  if (found === undefined) throw new Error(missingToolMessage('promtool'));
  return found;
}

describe('equivalence with Sloth on the corpus specs with a counter-ratio events SLI', () => {
  it('covers these SLOs (the others use subqueries, bucket arithmetic, MetricsQL or the OpenSLO format)', () => {
    expect(ELIGIBLE.map((s) => `${s.file}:${s.name}`)).toEqual([
      'contrib-slo-plugins.spec.yml:requests-availability-contrib-plugin-rule-intervals-v1',
      'getting-started.spec.yml:requests-availability',
      'k8s-getting-started.spec.yml:requests-availability',
      'k8s-multifile.spec.yml:requests-availability',
      'k8s-multifile.spec.yml:requests-availability',
      'kubernetes-apiserver.spec.yml:requests-availability',
      'multifile.spec.yml:requests-availability',
      'multifile.spec.yml:requests-availability',
      'no-alerts.spec.yml:http-availability',
      'slo-plugin-getting-started.spec.yml:requests-availability',
      'slo-plugin-k8s-getting-started.spec.yml:requests-availability',
    ]);
  });

  it.each(
    ELIGIBLE.flatMap((s) => [
      [`${s.file}:${s.name}`, s, 'defined'] as const,
      [`${s.file}:${s.name} imported`, s, 'imported'] as const,
    ]),
  )('%s: Sloth and obsgen record the same values and fire the same tiers', async (_, spec, via) => {
    const id = `${spec.service}-${spec.name}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-sloth-'));
    const groups = slothGroups(spec, id) as { rules: { alert?: string }[] }[];
    const slothAlert = groups.flatMap((g) => g.rules).find((r) => r.alert !== undefined)?.alert ?? 'none';
    writeFileSync(path.join(dir, 'sloth.rules.yml'), stringify({ groups }, { lineWidth: 0 }));
    // Ours under other series names, so both rule sets can be evaluated side by side.
    writeFileSync(
      path.join(dir, 'obsgen.rules.yml'),
      (via === 'imported' ? await importedRules(spec, id) : obsgenRules(spec))
        .replace(/\bslo:/g, 'obsgen_slo:')
        .replace(/\bsloth_slo_info\b/g, 'obsgen_sloth_slo_info'),
    );
    const stem = spec.name
      .split(/[^a-zA-Z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
    // The import keeps Sloth's alert name as the stem; the spec's own SLO uses the SLO's name.
    const ours = via === 'imported' ? '.*(Fast|Slow)Burn' : `${stem}(Fast|Slow)Burn`;
    writeFileSync(path.join(dir, 'equivalence.test.yml'), testFile(spec, id, slothAlert, ours));
    const result = spawnSync(promtool(), ['test', 'rules', path.join(dir, 'equivalence.test.yml')], {
      encoding: 'utf8',
    });
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
  });
});
