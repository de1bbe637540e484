// Real mistakes are errors, so CI stops them; conventions stay warnings. Each decision here is
// deliberate (issue: an untested alert, delta() of a counter, memory_limiter after batch and
// millisecond buckets on a seconds histogram used to pass CI as warnings).
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { alert, catalog, histogram, oneOf, project, ruleGroup, system } from '../src/index.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import { parse } from 'yaml';
import shopProject from './fixtures/promql-catalog.ts';
import { prometheusCollector } from './fixtures/prometheus-collector.ts';
import { shop } from './fixtures/promql-catalog.ts';
import { shopErrorAlert } from './fixtures/shop-error-alert.ts';

const severitiesOf = (findings: readonly { rule: string; severity: string }[], rule: string): string[] =>
  findings.filter((f) => f.rule === rule).map((f) => f.severity);

describe('errors, not warnings', () => {
  it('an alert no test proves (alert/untested)', () => {
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: prometheusCollector,
            rules: [ruleGroup('a', { rules: [alert('CheckoutErrors', { ...shopErrorAlert(), tests: [] })] })],
          }),
        ],
      }),
    );
    expect(severitiesOf(compiled.findings, 'alert/untested')).toEqual(['error']);
  });

  it.each(['delta(request_count_total[5m])', 'predict_linear(request_count_total[1h], 3600)'])(
    '%s: a counter read as a gauge (promql/rate-non-counter)',
    (expr) => {
      const findings = analyzePromql(expr, { catalog: new SeriesCatalog(shopProject), system: 'shop' }).findings;
      expect(severitiesOf(findings, 'promql/rate-non-counter')).toEqual(['error']);
    },
  );

  it('memory_limiter after another processor in a config obsgen writes (otel/processor-order)', () => {
    const config = parse(
      `receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {batch: , memory_limiter: {check_interval: 1s, limit_mib: 100}}\nexporters: {debug: }\nservice: {pipelines: {traces: {receivers: [otlp], processors: [batch, memory_limiter], exporters: [debug]}}}`,
    );
    expect(severitiesOf(validateCollector(config), 'otel/processor-order')).toContain('error');
    // A third party's config is linted, not gated.
    expect(severitiesOf(validateCollector(config, { strict: false }), 'otel/processor-order')).not.toContain('error');
  });

  it('OTel millisecond buckets on a seconds histogram (catalog/bucket-scale)', () => {
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: catalog('ms', {
              scrapeInterval: '15s',
              instances: 1,
              labels: { route: oneOf('/a') },
              metrics: {
                request_duration_seconds: histogram({
                  help: 'Latency.',
                  unit: 'seconds',
                  labels: ['route'],
                  buckets: [0, 5, 10, 25, 50, 100, 250, 500, 1000],
                }),
              },
            }),
          }),
        ],
      }),
    );
    expect(severitiesOf(compiled.findings, 'catalog/bucket-scale')).toEqual(['error']);
  });
});
