// One list of rule ids (src/rule-id.ts) types every finding, analyser code and registered rule:
// it names exactly the registered rules, each once, in the order docs/checks.md lists them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { META_RULES, RULES } from '../src/check/registry.ts';
import { RULE_ID_LIST } from '../src/rule-id.ts';

describe('rule ids', () => {
  it('are the registered rules, each once', () => {
    const registered = [...RULES, ...META_RULES].map((rule) => rule.id);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...RULE_ID_LIST].sort()).toEqual([...registered].sort());
  });

  it('follow the order of docs/checks.md', () => {
    const documented = [...readFileSync('docs/checks.md', 'utf8').matchAll(/^\| `([a-z-]+\/[a-z0-9-]+)` \|/gm)].map(
      (match) => match[1],
    );
    expect([...RULE_ID_LIST]).toEqual(documented);
  });
});
