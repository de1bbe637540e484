// The in-process tier (`npm run test:unit`, vitest.unit.config.ts) holds what starts no process:
// a test file outside INTEGRATION_TESTS that reached for the CLI, child processes or a real tool
// would make the fast tier slow and machine-dependent, so it fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTEGRATION_TESTS } from '../vitest.unit.config.ts';
import { REPO } from './support/cli.ts';
import { repositoryScratch } from './support/repository-scratch.ts';

const STARTS_A_PROCESS = [
  /from ['"]node:child_process['"]/,
  /import \{[^}]*\bobsgen\b[^}]*\} from ['"]\.\/support\/cli\.ts['"]/,
  /from ['"]\.\/support\/(browser|synthetic-exporter)\.ts['"]/,
  /locateTool|realTools|real-tools\.ts/,
];

function testFiles(): string[] {
  const inTest = readdirSync(path.join(REPO, 'test'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${f}`);
  const inDefinitions = readdirSync(path.join(REPO, 'definitions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(REPO, 'definitions', d.name))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `definitions/${d.name}/${f}`),
    );
  return [...inTest, ...inDefinitions];
}

/** Whether a file starts a process, itself or through the test support modules it imports. */
function startsAProcess(file: string, seen: Set<string>): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(path.join(REPO, file), 'utf8');
  if (STARTS_A_PROCESS.some((pattern) => pattern.test(text))) return true;
  const supports = [...text.matchAll(/from ['"](\.{1,2}\/(?:[\w-]+\/)*support\/[\w-]+\.ts)['"]/g)].map((m) =>
    path.relative(REPO, path.resolve(REPO, path.dirname(file), m[1]!)),
  );
  // cli.ts also holds helpers that start nothing (tempDir); its obsgen runner is matched above.
  return supports
    .filter((support) => support !== 'test/support/cli.ts')
    .some((support) => startsAProcess(support, seen));
}

describe('test tiers', () => {
  it('every test file in the unit tier starts no process', () => {
    const unit = testFiles().filter((f) => !INTEGRATION_TESTS.includes(f) && f !== 'test/test-tiers.test.ts');
    const offenders = unit.filter((f) => startsAProcess(f, new Set()));
    expect(offenders).toEqual([]);
    expect(unit.length).toBeGreaterThan(20);
  });

  it('each test file has temporary directories of its own, removed with it (test/support/scratch-setup.ts)', () => {
    const own = tmpdir();
    expect(path.basename(own)).toMatch(/^obsgen-test-/);
    expect(process.env.TMPDIR).toBe(own);
    const inRepository = repositoryScratch('tiers');
    expect(path.relative(path.join(REPO, '.cache'), inRepository)).toMatch(/^test-[^/]+\/tiers-/);
  });

  it('no test makes a directory in .cache/ but through repositoryScratch (which removes it)', () => {
    const supports = readdirSync(path.join(REPO, 'test/support')).map((f) => `test/support/${f}`);
    // The setup and the helper themselves, and this test, which names the pattern.
    const own = new Set([
      'test/support/scratch-setup.ts',
      'test/support/repository-scratch.ts',
      'test/test-tiers.test.ts',
    ]);
    const offenders = [...testFiles(), ...supports]
      .filter((f) => !own.has(f) && f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(path.join(REPO, f), 'utf8')
          .split('\n')
          .flatMap((line, index) => (/mkdtemp/.test(line) && /\.cache/.test(line) ? [`${f}:${index + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('the integration list names files that exist', () => {
    const files = new Set(testFiles());
    expect(INTEGRATION_TESTS.filter((f) => !files.has(f))).toEqual([]);
  });
});
