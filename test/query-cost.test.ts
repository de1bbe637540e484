// promql/expensive and reports/cost.md: the static cost model's verdicts as a user sees them.
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import {
  alert,
  bounded,
  by,
  catalog,
  counter,
  dashboard,
  fires,
  gt,
  project,
  quiet,
  rate,
  row,
  ruleGroup,
  series,
  sum,
  system,
  timeseries,
  type Project,
} from '../src/index.ts';

const big = catalog('big', {
  scrapeInterval: '15s',
  instances: 10,
  labels: { customer: bounded(5_000, 'customers of the largest tenant') },
  metrics: { api_requests_total: counter({ help: 'Requests.', labels: ['customer'] }) },
});
const m = big.metrics;

function definitions(range: '5m' | '1h' | '1d', queryBudget?: number): Project {
  const expr = gt(sum(rate(m.api_requests_total, range), by('customer')), 100);
  return project({
    ...(queryBudget === undefined ? {} : { queryBudget }),
    systems: [
      system({
        catalog: big,
        rules: [
          ruleGroup('big-alerts', {
            rules: [
              alert('CustomerFlood', {
                expr,
                severity: 'warning',
                summary: 'A customer floods the API.',
                description: '{{ $labels.customer }} sends {{ $value }} requests per second.',
                tests: [
                  fires('flood', {
                    at: '1d',
                    series: [series(m.api_requests_total.where({ customer: 'c1' }), '0+100000x2000')],
                    alerts: [{ labels: { customer: 'c1' } }],
                  }),
                  quiet('calm', {
                    at: '1d',
                    series: [series(m.api_requests_total.where({ customer: 'c1' }), '0+1x2000')],
                  }),
                ],
              }),
            ],
          }),
        ],
        dashboards: [
          dashboard('api', {
            title: 'API',
            rows: [
              row('Load', [
                timeseries(
                  'Daily requests per customer',
                  `sum by (customer) (increase(api_requests_total[${range}]))`,
                  {
                    unit: 'reqps',
                    description: 'Per customer.',
                  },
                ),
              ]),
            ],
          }),
        ],
      }),
    ],
  });
}

const expensive = (d: Project) =>
  compileProject(d)
    .findings.filter((f) => f.rule === 'promql/expensive')
    .map((f) => [f.severity, f.subject]);

describe('promql/expensive', () => {
  it('is quiet for a 5m rate over 50,000 series (1 million samples)', () => {
    expect(expensive(definitions('5m'))).toEqual([]);
  });

  it('warns above the project budget, for the rule and the panel, at their lines', () => {
    expect(expensive(definitions('1h'))).toEqual([
      ['warning', 'big/alert/CustomerFlood'],
      ['warning', 'big/dashboard/api'],
    ]);
    const [rule] = compileProject(definitions('1h')).findings.filter((f) => f.rule === 'promql/expensive');
    expect(rule!.message).toBe(
      "CustomerFlood reads about 12,000,000 samples per evaluation (50,000 series), above the project's query budget (5,000,000).",
    );
    expect(rule!.at.file).toBe('test/query-cost.test.ts');
    // The hint stages the long range: a 5m recording read over the hour.
    expect(rule!.hint).toBe(
      'Stage it: record sum by (the labels you keep) (rate(api_requests_total[5m])) as a level:metric:rate5m rule, and read avg_over_time(<that recording>[1h]) instead of rate(api_requests_total[1h]); the range then reads a few recorded series, not every raw one.',
    );
  });

  it('follows the project queryBudget', () => {
    expect(expensive(definitions('1h', 20_000_000))).toEqual([]);
  });

  it("is an error above Prometheus' default --query.max-samples, where the evaluation fails", () => {
    expect(expensive(definitions('1d')).map(([severity]) => severity)).toEqual(['error', 'error']);
  });
});

describe('reports/cost.md', () => {
  it('lists each system costliest first, marking what is over the budget', () => {
    const report = compileProject(definitions('1h')).files.find((f) => f.path === 'reports/cost.md')!.content;
    expect(report).toContain('## big');
    expect(report).toContain('| `CustomerFlood` | alert | group big-alerts | 50,000 | 12,000,000 ⚠ | 1,440 |');
    expect(report).toContain('| `Daily requests per customer` | panel | dashboard api |');
  });
});
