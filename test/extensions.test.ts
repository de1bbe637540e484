// The open registry: a project's own checks and outputs run beside obsgen's, with the same
// findings, suppressions, output guard and exit codes (docs/extending.md).
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { project, projectCheck, projectOutput, system } from '../src/index.ts';
import example from '../docs/examples/extending/index.ts';
import { shop } from '../docs/examples/shop/catalog.ts';
import { shopCollector } from '../docs/examples/shop/collector.ts';
import { shopAlerts } from '../docs/examples/shop/rules.ts';

const withoutTeam = {
  ...shopAlerts,
  rules: shopAlerts.rules.map((rule) =>
    rule.kind === 'alert' && rule.name === 'ShopSlowRequests' ? { ...rule, labels: {} } : rule,
  ),
};
const rebuilt = (changes: Partial<Parameters<typeof project>[0]>) =>
  compileProject(
    project({
      checks: example.checks,
      outputs: example.outputs,
      systems: [system({ catalog: shop, rules: [withoutTeam], collector: shopCollector })],
      ...changes,
    }),
  );

describe('the docs example (docs/examples/extending)', () => {
  it('builds clean, and its output is written below its own folder', () => {
    const compiled = compileProject(example);
    expect(compiled.findings).toEqual([]);
    expect(compiled.files.find((f) => f.path === 'alert-inventory/shop.csv')?.content).toBe(
      'alert,severity,for\nShopHighErrorRate,critical,5m\nShopSlowRequests,warning,10m\n',
    );
  });

  it("reports the team's check like obsgen's own: rule id, subject, the alert's line, exit 1 through the CLI", () => {
    const compiled = rebuilt({});
    expect(compiled.findings.map((f) => `${f.severity} ${f.rule} ${f.subject}`)).toEqual([
      'error acme/team-label shop/alert/ShopSlowRequests',
    ]);
    expect(compiled.findings[0]?.at.file).toBe('docs/examples/shop/rules.ts');
  });

  it('an allow next to the subject silences it, with its reason in the report', () => {
    const allowed = {
      ...withoutTeam,
      rules: withoutTeam.rules.map((rule) =>
        rule.kind === 'alert' && rule.name === 'ShopSlowRequests'
          ? { ...rule, allow: [{ rule: 'acme/team-label', reason: 'Owned by the platform on-call for now.' }] }
          : rule,
      ),
    };
    const compiled = compileProject(
      project({
        checks: example.checks,
        systems: [system({ catalog: shop, rules: [allowed], collector: shopCollector })],
      }),
    );
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed.map((s) => `${s.finding.rule} ${s.reason}`)).toEqual([
      'acme/team-label Owned by the platform on-call for now.',
    ]);
  });
});

describe('project/extension and the guard', () => {
  it.each([
    [
      "a check with obsgen's prefix",
      { checks: [projectCheck('alert/mine', { description: 'x', check: () => [] })] },
      'project/extension',
    ],
    [
      'a check id without a team',
      { checks: [projectCheck('mine', { description: 'x', check: () => [] })] },
      'project/extension',
    ],
    ["an output in obsgen's folder", { outputs: [projectOutput('prometheus', () => [])] }, 'project/extension'],
    [
      'an output path that leaves its folder',
      { outputs: [projectOutput('inventory', () => [{ path: '../../escape.txt', content: 'x' }])] },
      'output/unsafe-path',
    ],
  ] as const)('%s is %s', (_what, changes, rule) => {
    expect(rebuilt(changes as Partial<Parameters<typeof project>[0]>).findings.map((f) => f.rule)).toContain(rule);
  });
});
