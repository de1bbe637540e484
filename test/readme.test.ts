import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_RULES, RULES } from '../src/check/registry.ts';
import { REPO } from './support/cli.ts';

describe('README', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

  it('documents every rule id obsgen can report', () => {
    const documented = new Set([...readme.matchAll(/^\| `([a-z-]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1]));
    expect([...documented].sort()).toEqual([...RULES, ...META_RULES].map((rule) => rule.id).sort());
  });

  it('states the two quick-start commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toContain('npm test');
  });
});
