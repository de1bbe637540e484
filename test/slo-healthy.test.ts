// A service that has never failed has no error series yet (a counter with an error label appears
// with the first error). Its SLO recordings must read 0 % bad and 100 % of the budget left, not be
// absent: otherwise its SLO dashboards show "No data". Proven by promtool on the generated rules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { project, ratioSli, re, slo, system } from '../src/index.ts';
import { checkout } from './fixtures/slo-catalog.ts';
import { tempDir } from './support/cli.ts';

const m = checkout.metrics;
const compiled = compileProject(
  project({
    systems: [
      system({
        catalog: checkout,
        slos: [
          slo('grouped', {
            objective: 99.9,
            by: ['service_name'],
            sli: ratioSli({ errors: m.requests_total.where({ status_code: re('5..') }), total: m.requests_total }),
          }),
          slo('whole', {
            objective: 99,
            sli: ratioSli({ errors: m.requests_total.where({ status_code: '500' }), total: m.requests_total }),
          }),
          slo('good', {
            objective: 99,
            by: ['service_name'],
            sli: ratioSli({ good: m.requests_total.where({ status_code: '200' }), total: m.requests_total }),
          }),
        ],
      }),
    ],
  }),
);

function promtool(): string {
  const found = locateTool('promtool');
  if (found === undefined) throw new Error(missingToolMessage('promtool'));
  return found;
}

/** The compiled files in a directory of their own, as `obsgen build` writes them. */
function written(): string {
  const dir = tempDir('slo-healthy');
  for (const file of compiled.files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  return path.join(dir, 'prometheus/checkout');
}

function promtoolTest(file: string): { status: number | null; output: string } {
  const result = spawnSync(promtool(), ['test', 'rules', file], { cwd: path.dirname(file), encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('SLO recordings of a service without error series', () => {
  const dir = written();

  it('builds with no finding', () => {
    expect(compiled.findings).toEqual([]);
  });

  it.each(['grouped', 'whole'])(
    'the generated tests of %s include the healthy case, and promtool passes it',
    (name) => {
      const tests = compiled.files.find((f) => f.path === `prometheus/checkout/tests/slo-${name}.every-5m.test.yml`);
      expect(tests?.content).toContain('no error series yet: the SLI is 0 and the whole budget is left');
      expect(tests?.content).toContain('promql_expr_test');
      const result = promtoolTest(path.join(dir, `tests/slo-${name}.every-5m.test.yml`));
      expect(result.output).toContain('SUCCESS');
      expect(result.status).toBe(0);
    },
    120_000,
  );

  it('with a good-events SLI and no good series yet, every event is bad (ratio 1, not absent)', () => {
    const file = path.join(dir, 'tests/all-failing.test.yml');
    writeFileSync(
      file,
      [
        'rule_files: [../slo-good.rules.yml, ../slo-good.period.rules.yml]',
        'evaluation_interval: 5m',
        'tests:',
        '  - interval: 1m',
        '    input_series:',
        '      - series: \'requests_total{service_name="cart", status_code="500", tier="simple"}\'',
        "        values: '0+100x70'",
        '    promql_expr_test:',
        '      - expr: slo:sli_error:ratio_rate5m{sloth_slo="good"}',
        '        eval_time: 1h',
        '        exp_samples:',
        '          - labels: \'slo:sli_error:ratio_rate5m{service_name="cart", sloth_id="checkout-good", sloth_service="checkout", sloth_slo="good", sloth_window="5m"}\'',
        '            value: 1',
        '',
      ].join('\n'),
    );
    const result = promtoolTest(file);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
