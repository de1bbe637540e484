// obsgen import reads rule files as Prometheus does, and keeps other query languages out of the
// definitions with a line saying why, instead of writing what promtool would refuse.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignDialect } from '../src/import/foreign-dialect.ts';
import { obsgen } from './support/cli.ts';

describe('foreignDialect', () => {
  it.each([
    ['sum(rate(x[5m])) keep_metric_names', 'MetricsQL'],
    ['rollup_rate(x[5m])', 'MetricsQL'],
    ['WITH (f = x) f > 1', 'MetricsQL'],
    ['(a or b) default 0', 'MetricsQL'],
    ['sum(count_over_time({app="x"} |= "error" [5m]))', 'LogQL'],
    ['{app="x"} | json | level="error"', 'LogQL'],
    ['SELECT count(*) FROM requests WHERE code >= 500', 'SQL'],
    ['sum by (job) (rate(http_requests_total[5m])) > 1', undefined],
    ['rate(x[5m]', undefined],
  ] as const)('%s is %s', (text, dialect) => {
    expect(foreignDialect(text)).toBe(dialect);
  });
});

describe('obsgen import rules on a file with other dialects and go-yaml quoting', () => {
  // Inside the repository, so the module's `import 'obsgen'` resolves to this package.
  mkdirSync('.cache', { recursive: true });
  const dir = mkdtempSync(path.resolve('.cache/import-dialects-'));
  const target = path.join(dir, 'checkout.ts');
  const run = obsgen('import', 'rules', 'test/fixtures/import/dialects.rules.yml', target, '--system', 'checkout');

  it('imports what is PromQL, leaves the rest out with why, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('left out, not PromQL that Prometheus loads (2):');
    expect(run.stdout).toContain(
      '  CheckoutErrorsVictoria: MetricsQL, not PromQL (unexpected "keep_metric_names"): sum(rate(http_requests_total{code=~"5.."}[5m])) keep_metric_names > 1',
    );
    expect(run.stdout).toMatch(
      / {2}CheckoutErrorLogs: LogQL, not PromQL \(.*\): sum\(count_over_time\(\{app="checkout"\} \|= "error" \[5m\]\)\) > 10/,
    );
    const source = readFileSync(target, 'utf8');
    expect(source).not.toContain('keep_metric_names');
    expect(source).not.toMatch(/allow: \[[^\]]*promql\/syntax/);
  });

  it('reads the quoted annotation as Prometheus does (the newline folded into a space)', () => {
    expect(readFileSync(target, 'utf8')).toContain(
      "description: '{{ $labels.instance }} has been down for 5 minutes.'",
    );
  });

  it('builds with no error, and promtool loads what it writes', () => {
    const out = path.join(dir, 'generated');
    const built = obsgen('build', '--definitions', target, '--out', out);
    expect(built.stdout).toContain('0 errors');
    expect(built.status).toBe(0);
    const tested = obsgen('test', '--definitions', target, '--out', out);
    expect(tested.stdout).toMatch(/promtool: (\d+) of \1 rule files load/);
  }, 120_000);
});
