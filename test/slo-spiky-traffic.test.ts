// The staged SLO period window is a ratio of sums, exact under spiky traffic; Sloth's average of
// 5m ratios is not (Sloth issue #618). Proven with the real promtool on generated rules: two hours
// alternating 10 quiet minutes at 50 % errors and 10 busy minutes at 1 % errors.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { project, ratioSli, re, slo, system } from '../src/index.ts';
import { checkout } from './fixtures/slo-catalog.ts';
import { tempDir } from './support/cli.ts';

const m = checkout.metrics;
const MINUTES = 120;
const phases = (minute: number) =>
  Math.floor(minute / 10) % 2 === 0 ? { total: 100, errors: 50 } : { total: 10_000, errors: 100 };

/** Cumulative counter values, one per minute. */
function counter(per: (minute: number) => number): string {
  let value = 0;
  const values = [0];
  for (let minute = 0; minute < MINUTES; minute++) values.push((value += per(minute)));
  return values.join(' ');
}

describe('SLO period window under spiky traffic', () => {
  it('is the true ratio of bad to all events; the average of 5m ratios (Sloth) is far off', () => {
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: checkout,
            slos: [
              slo('availability', {
                objective: 99,
                period: '1d',
                sli: ratioSli({ errors: m.requests_total.where({ status_code: re('5..') }), total: m.requests_total }),
                alerting: { page: false, ticket: false, noData: false },
              }),
            ],
          }),
        ],
      }),
    );
    expect(compiled.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const dir = tempDir('spiky');
    writeFileSync(
      path.join(dir, 'slo.rules.yml'),
      compiled.files.find((f) => f.path === 'prometheus/checkout/slo-availability.rules.yml')!.content,
    );
    // Over the last 100 minutes at 2h: five quiet and five busy phases.
    const errors = 5 * 10 * 50 + 5 * 10 * 100;
    const total = 5 * 10 * 100 + 5 * 10 * 10_000;
    const truth = errors / total; // 1.485 %
    const window = '100m';
    const ours = `sum_over_time(slo:sli_error_events:rate5m[${window}]) / sum_over_time(slo:sli_total_events:rate5m[${window}])`;
    const sloth = `avg_over_time(slo:sli_error:ratio_rate5m[${window}])`;
    const test = {
      rule_files: ['slo.rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            {
              series: 'requests_total{service_name="cart", status_code="500", tier="simple"}',
              values: counter((minute) => phases(minute).errors),
            },
            {
              series: 'requests_total{service_name="cart", status_code="200", tier="simple"}',
              values: counter((minute) => phases(minute).total - phases(minute).errors),
            },
          ],
          promql_expr_test: [
            // Ours: within 5 % of the truth (the 5m rates at the edges of the window blur a phase boundary).
            {
              expr: `abs((${ours}) / ${truth} - 1) < bool 0.05`,
              eval_time: '2h',
              exp_samples: [
                {
                  labels: '{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}',
                  value: 1,
                },
              ],
            },
            // Sloth's: more than ten times the truth, as quiet minutes weigh as much as busy ones.
            {
              expr: `(${sloth}) / ${truth} > bool 10`,
              eval_time: '2h',
              exp_samples: [
                {
                  labels:
                    '{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability", sloth_window="5m"}',
                  value: 1,
                },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(path.join(dir, 'spiky.test.yml'), stringify(test, { lineWidth: 0 }));
    const promtool = locateTool('promtool');
    if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
    const result = spawnSync(promtool, ['test', 'rules', path.join(dir, 'spiky.test.yml')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
  });
});
