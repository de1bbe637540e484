import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { collectorLabelsOf } from '../src/otel/collector-label-edits.ts';
import { parseOttlStatement } from '../src/otel/ottl-statement.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import {
  alert,
  collector,
  project,
  promql,
  ruleGroup,
  system,
  type ComponentConfig,
  type Project,
} from '../src/index.ts';
import { CORPORA, corpusDir } from './support/corpus.ts';
import { shop } from './fixtures/promql-catalog.ts';

/** The shop system behind a collector whose metrics pipeline runs `processors` before Prometheus. */
function shopBehind(
  processors: Record<string, ComponentConfig>,
  rules: Parameters<typeof system>[0]['rules'] = [],
): Project {
  const chain: Record<string, ComponentConfig> = {
    memory_limiter: { check_interval: '1s', limit_mib: 256 },
    ...processors,
    batch: {},
  };
  return project({
    systems: [
      system({
        catalog: shop,
        collector: collector({
          receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
          processors: chain,
          exporters: { prometheus: { endpoint: '0.0.0.0:8889' } },
          pipelines: {
            metrics: {
              receivers: ['otlp'],
              processors: Object.keys(chain),
              exporters: ['prometheus'],
            },
          },
        }),
        rules,
      }),
    ],
  });
}

function findings(definitions: Project, expr: string): string[] {
  const catalog = new SeriesCatalog(definitions, [], collectorLabelsOf(definitions));
  return analyzePromql(expr, { catalog, system: 'shop' }).findings.map((f) => `${f.rule}: ${f.message}`);
}

const STATUS = 'sum by (status_code) (rate(request_count_total[5m]))';
const SERVICE = 'sum by (service_name) (rate(request_count_total[5m]))';

describe('labels the collector removes on the way are labels no query may use', () => {
  it('is clean without edits', () => {
    expect(findings(shopBehind({}), STATUS)).toEqual([]);
  });

  it.each<[string, Record<string, ComponentConfig>]>([
    ['attributes delete by key', { 'attributes/strip': { actions: [{ key: 'status_code', action: 'delete' }] } }],
    [
      'attributes delete by pattern',
      { 'attributes/strip': { actions: [{ pattern: '^status_.*', action: 'delete' }] } },
    ],
    [
      'transform delete_key (grouped form)',
      {
        'transform/strip': {
          metric_statements: [{ context: 'datapoint', statements: ['delete_key(attributes, "status_code")'] }],
        },
      },
    ],
    [
      'transform delete_key (flat form)',
      { 'transform/strip': { metric_statements: ['delete_key(datapoint.attributes, "status_code")'] } },
    ],
    [
      'transform keep_keys',
      {
        'transform/strip': {
          metric_statements: [{ context: 'datapoint', statements: ['keep_keys(attributes, ["service_name"])'] }],
        },
      },
    ],
    [
      'transform aggregate_on_attributes',
      {
        'transform/strip': {
          metric_statements: [{ context: 'metric', statements: ['aggregate_on_attributes("sum", ["service_name"])'] }],
        },
      },
    ],
    [
      'metricstransform aggregate_labels',
      {
        'metricstransform/strip': {
          transforms: [
            {
              include: 'request_count',
              action: 'update',
              operations: [{ action: 'aggregate_labels', label_set: ['service_name'], aggregation_type: 'sum' }],
            },
          ],
        },
      },
    ],
  ])('%s', (_, processors) => {
    const processor = Object.keys(processors)[0]!;
    expect(findings(shopBehind(processors), STATUS)).toEqual([
      `promql/unknown-label: sum by (status_code): request_count_total has no label status_code in Prometheus: the collector's processor ${processor} removes it.`,
    ]);
    expect(findings(shopBehind(processors), SERVICE)).toEqual([]);
  });

  it("follows the where clause on the metric's name", () => {
    const only = (name: string): Project =>
      shopBehind({
        'transform/strip': {
          metric_statements: [
            {
              context: 'datapoint',
              statements: [`delete_key(attributes, "service_name") where metric.name == "${name}"`],
            },
          ],
        },
      });
    expect(findings(only('request_count'), SERVICE)).toHaveLength(1);
    // A condition on the name alone is followed, so nothing is said about it.
    expect(compileProject(only('request_count')).findings.filter((f) => f.rule === 'otel/label-edit')).toEqual([]);
    expect(findings(only('request_duration_seconds'), SERVICE)).toEqual([]);
    expect(
      findings(only('request_duration_seconds'), 'sum by (service_name) (rate(request_duration_seconds_count[5m]))'),
    ).toHaveLength(1);
  });

  it('follows include/exclude of the attributes processor', () => {
    const scoped = (include: string[]): Project =>
      shopBehind({
        'attributes/strip': {
          include: { match_type: 'strict', metric_names: include },
          actions: [{ key: 'status_code', action: 'delete' }],
        },
      });
    expect(findings(scoped(['request_count']), STATUS)).toHaveLength(1);
    expect(findings(scoped(['queue_depth']), STATUS)).toEqual([]);
  });

  it('a renamed label carries the original domain under its new name', () => {
    const renamed = shopBehind({
      'metricstransform/rename': {
        transforms: [
          {
            include: 'request_count',
            action: 'update',
            operations: [{ action: 'update_label', label: 'service_name', new_label: 'service' }],
          },
        ],
      },
    });
    expect(findings(renamed, SERVICE)[0]).toMatch(
      /no label service_name in Prometheus: the collector's processor metricstransform\/rename/,
    );
    expect(findings(renamed, 'sum by (service) (rate(request_count_total[5m]))')).toEqual([]);
    expect(findings(renamed, 'rate(request_count_total{service="billing"}[5m])')).toEqual([
      expect.stringMatching(/^promql\/label-value: /),
    ]);
  });

  it('a copy (set from another attribute, insert from_attribute) keeps both labels', () => {
    const copied = shopBehind({
      'transform/copy': {
        metric_statements: [
          { context: 'datapoint', statements: ['set(attributes["service"], attributes["service_name"])'] },
        ],
      },
    });
    expect(findings(copied, SERVICE)).toEqual([]);
    expect(findings(copied, 'sum by (service) (rate(request_count_total[5m]))')).toEqual([]);
  });

  it('a conditional delete keeps the label (it may be there) and says it could not be followed', () => {
    const conditional = shopBehind({
      'transform/strip': {
        metric_statements: [
          {
            context: 'datapoint',
            statements: ['delete_key(attributes, "status_code") where attributes["service_name"] == "cart"'],
          },
        ],
      },
    });
    expect(findings(conditional, STATUS)).toEqual([]);
    const compiled = compileProject(conditional);
    expect(compiled.findings.filter((f) => f.rule === 'otel/label-edit').map((f) => [f.severity, f.subject])).toEqual([
      ['warning', 'shop/collector'],
    ]);
  });

  it('reports at the user line, in a rule, what the processor removes', () => {
    const definitions = shopBehind({ 'attributes/strip': { actions: [{ key: 'status_code', action: 'delete' }] } }, [
      ruleGroup('shop', {
        rules: [
          alert('ServerErrors', {
            expr: promql`sum by (status_code) (rate(request_count_total{status_code="500"}[5m])) > 1`,
            severity: 'warning',
            summary: 'Server errors.',
            description: 'Status {{ $labels.status_code }}.',
            tests: [],
          }),
        ],
      }),
    ]);
    const found = compileProject(definitions).findings.filter((f) => f.rule === 'promql/unknown-label');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/attributes\/strip removes it/);
    expect(found[0]!.at.file).toMatch(/collector-label-edits\.test\.ts$/);
  });

  it('what it cannot follow is an otel/label-edit warning, never dropped', () => {
    const unread = shopBehind({
      'transform/rename': { metric_statements: [{ context: 'metric', statements: ['set(name, "requests")'] }] },
      'metricstransform/copy': {
        transforms: [{ include: 'queue_depth', action: 'insert', new_name: 'queue_depth_copy' }],
      },
      'attributes/scoped': {
        include: { match_type: 'strict', services: ['cart'] },
        actions: [{ key: 'status_code', action: 'delete' }],
      },
      'transform/broken': { metric_statements: [{ context: 'datapoint', statements: ['delete_key(attributes, "x"'] }] },
    });
    const warnings = compileProject(unread).findings.filter((f) => f.rule === 'otel/label-edit');
    expect(warnings.map((f) => f.message.split(':')[0]).sort()).toEqual([
      'attributes/scoped',
      'metricstransform/copy',
      'transform/broken',
      'transform/rename',
    ]);
    expect(warnings.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('OTTL statements', () => {
  it('parses the grammar: paths with keys, converters, lists, maps, named arguments, conditions', () => {
    expect(
      parseOttlStatement('delete_key(attributes, "a") where metric.name == "x" and not IsMatch(attributes["b"], "^c")'),
    ).toMatchObject({
      editor: 'delete_key',
      where: { kind: 'and', right: { kind: 'not' } },
    });
    expect(
      parseOttlStatement('set(attributes["n"], Concat([attributes["a"], "-", 1.5], "") ) where (x > 1 or y <= -2)'),
    ).toMatchObject({
      editor: 'set',
      where: { kind: 'or' },
    });
    expect(parseOttlStatement('merge_maps(cache, ParseJSON(body)["k"], "upsert")').args).toHaveLength(3);
    expect(parseOttlStatement('truncate_all(attributes, limit = 10)').args[1]).toEqual({
      name: 'limit',
      value: { kind: 'number', value: 10 },
    });
    expect(parseOttlStatement('set(attributes["m"], {"a": 1, "b": [true, nil]})').args).toHaveLength(2);
    expect(
      parseOttlStatement(
        'set(span.status.code, STATUS_CODE_ERROR) where span.end_time - span.start_time > Duration("1s")',
      ).where,
    ).toMatchObject({
      kind: 'compare',
    });
    expect(() => parseOttlStatement('delete_key(attributes, "a"')).toThrow(/expected/);
    expect(() => parseOttlStatement('Delete(attributes)')).toThrow(/editor/);
  });

  it('reads every statement of the transform processors in both corpora', () => {
    const statements: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') statements.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) {
        const entry = value as Record<string, unknown>;
        if (Array.isArray(entry.statements)) entry.statements.forEach(collect);
      }
    };
    for (const corpus of CORPORA) {
      const folder = corpusDir('otel-collector', corpus);
      for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f))) {
        const config = parse(readFileSync(join(folder, file), 'utf8')) as {
          processors?: Record<string, Record<string, unknown>>;
        };
        for (const [id, settings] of Object.entries(config.processors ?? {})) {
          if (id.split('/')[0] !== 'transform' || settings === null) continue;
          for (const key of ['metric_statements', 'trace_statements', 'log_statements']) collect(settings[key]);
        }
      }
    }
    expect(statements.length).toBeGreaterThan(5);
    for (const statement of statements) expect(() => parseOttlStatement(statement), statement).not.toThrow();
  });
});
