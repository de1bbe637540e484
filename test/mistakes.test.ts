// The catalogue of mistakes (test/mistakes/, docs/mistakes.md): every bad definition gets the
// finding the catalogue names, every good one builds with no error and without that finding;
// for what obsgen does not catch, the bad one really passes (so the document stays true).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { RULE_IDS } from '../src/check/registry.ts';
import { MISTAKES } from './mistakes/catalogue.ts';
import { mistakesDocument } from './mistakes/figures.ts';

const errors = (findings: readonly { rule: string; severity: string; message: string }[]) =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);

describe('the catalogue of mistakes', () => {
  it('has unique ids, real rule ids, a source and, when nothing catches it, the reason', () => {
    expect(new Set(MISTAKES.map((m) => m.id)).size).toBe(MISTAKES.length);
    for (const mistake of MISTAKES) {
      expect(mistake.id.startsWith(`${mistake.area}/`), mistake.id).toBe(true);
      expect(mistake.source, mistake.id).toMatch(/^https:\/\//);
      expect((mistake.caughtBy === undefined) !== (mistake.gap === undefined), mistake.id).toBe(true);
      if (mistake.caughtBy !== undefined) expect(RULE_IDS.has(mistake.caughtBy), mistake.caughtBy).toBe(true);
    }
  });

  describe.each(MISTAKES.filter((m) => m.caughtBy !== undefined).map((m) => [m.id, m] as const))('%s', (_, mistake) => {
    it(`bad: ${mistake.caughtBy}, at the definition`, () => {
      const found = compileProject(mistake.bad()).findings.filter((f) => f.rule === mistake.caughtBy);
      expect(found.length, `no ${mistake.caughtBy}`).toBeGreaterThan(0);
      // Every finding points at the user's definitions (the catalogue's files), never at generated
      // text, and says each thing once (not once per generated rule).
      expect(found.filter((f) => !/test\/(mistakes|fixtures)\//.test(f.at.file)).map((f) => f.at.file)).toEqual([]);
      expect(new Set(found.map((f) => f.message)).size).toBe(found.length);
    });
    it('good: no error, and not that finding', () => {
      const findings = compileProject(mistake.good()).findings;
      expect(errors(findings)).toEqual([]);
      expect(findings.filter((f) => f.rule === mistake.caughtBy).map((f) => f.message)).toEqual([]);
    });
  });

  describe.each(MISTAKES.filter((m) => m.gap !== undefined).map((m) => [m.id, m] as const))(
    '%s (not caught)',
    (_, mistake) => {
      it('bad and good both build without an error: the document says so', () => {
        expect(errors(compileProject(mistake.bad()).findings)).toEqual([]);
        expect(errors(compileProject(mistake.good()).findings)).toEqual([]);
      });
    },
  );
});

describe('docs/mistakes.md', () => {
  it('is the catalogue with its measured figures', () => {
    expect(readFileSync('docs/mistakes.md', 'utf8')).toBe(mistakesDocument());
  });
});
