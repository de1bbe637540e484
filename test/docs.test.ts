// The README and docs/ say what is true: every TypeScript example is a real file of
// docs/examples/ that builds (and whose tests pass in promtool), and every rule id is documented.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_RULES, RULES } from '../src/check/registry.ts';
import { compileProject } from '../src/pipeline/build-project.ts';
import shopExample from '../docs/examples/shop/index.ts';
import { obsgen, REPO, tempDir } from './support/cli.ts';

const pages = [
  'README.md',
  ...readdirSync(path.join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string): string => readFileSync(path.join(REPO, file), 'utf8');

describe('README and docs/', () => {
  it('state the two quick-start commands that CI runs', () => {
    expect(read('README.md')).toContain('npm ci && npm run build');
    expect(read('README.md')).toContain('npm test');
  });

  it.each(pages)('%s: every TypeScript block is an example file, embedded verbatim', (page) => {
    const text = read(page);
    const blocks = [...text.matchAll(/^```(ts|typescript|js|javascript)\n([\s\S]*?)^```$/gm)];
    for (const block of blocks) {
      const marker = /<!-- example: (\S+) -->\n$/.exec(text.slice(0, block.index));
      expect(marker?.[1], `${page}: a code block without <!-- example: <file> --> before it`).toBeDefined();
      expect(block[2], `${page} embeds ${marker![1]}; run node scripts/sync-doc-examples.mjs`).toBe(read(marker![1]!));
    }
  });

  it("document every rule obsgen can report, in the registry's words (docs/checks.md; npx tsx scripts/sync-rule-docs.ts)", () => {
    const documented = Object.fromEntries(
      [...read('docs/checks.md').matchAll(/^\| `([a-z-]+\/[a-z0-9-]+)` \| (.*) \|$/gm)].map((m) => [
        m[1],
        m[2]!.replace(/\\\|/g, '|'),
      ]),
    );
    expect(documented).toEqual(
      Object.fromEntries([...RULES, ...META_RULES].map((rule) => [rule.id, rule.description])),
    );
  });
});

describe('docs/examples/shop', () => {
  it('compiles with no finding at all', () => {
    expect(compileProject(shopExample).findings).toEqual([]);
  });

  it("applies the dashboards page's sdk pass-through to the panel's JSON", () => {
    const file = compileProject(shopExample).files.find((f) => f.path === 'grafana/shop/overview.json');
    const panels = (
      JSON.parse(file!.content) as { panels: { title: string; fieldConfig?: { defaults: { custom?: object } } }[] }
    ).panels;
    expect(panels.find((p) => p.title === 'p95 latency')?.fieldConfig?.defaults.custom).toMatchObject({
      fillOpacity: 10,
      lineWidth: 2,
    });
  });

  it(
    'builds through the CLI, and every generated promtool test passes (the values the docs explain included)',
    { timeout: 120_000 },
    () => {
      const out = path.join(tempDir('docs-example'), 'generated');
      expect(obsgen('build', '--definitions', 'docs/examples/shop/index.ts', '--out', out).status).toBe(0);
      const tested = obsgen('test', '--definitions', 'docs/examples/shop/index.ts', '--out', out, '--explain');
      expect(tested.stdout).toMatch(
        /promtool: (\d+) of \1 rule files load, (\d+) of \2 PrometheusRule and Mimir files' groups load, (\d+) of \3 test files pass/,
      );
      expect(tested.stdout).toContain(
        'ShopSlowRequests · every request takes 3 s · at 20m (prometheus/shop/tests/shop-alerts.test.yml)\n  {route="/api/cart"} 4.85\n',
      );
      expect(tested.status).toBe(0);
    },
  );
});
