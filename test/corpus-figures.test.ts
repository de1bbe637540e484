// The per-folder figures of both corpora (scripts/corpus-figures.ts): no false error anywhere, and
// the table in docs/development.md is the one the script prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusFigures } from '../scripts/corpus-figures.ts';

describe('corpus figures', () => {
  const figures = corpusFigures();

  it('no real artifact is rejected falsely, in any folder of either corpus', () => {
    expect(figures.filter((f) => f.falseErrors > 0)).toEqual([]);
    expect(figures.every((f) => f.accepted + f.trueProblems + f.falseErrors === f.artifacts)).toBe(true);
  });

  it('docs/development.md shows these figures', () => {
    const docs = readFileSync('docs/development.md', 'utf8');
    for (const f of figures)
      expect(docs).toContain(
        `| ${f.corpus} | ${f.folder} | ${f.artifacts} | ${f.accepted} | ${f.trueProblems} | ${f.falseErrors} |`,
      );
  });
});
