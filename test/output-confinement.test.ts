// Definitions are untrusted: no name may make obsgen write outside its output directory, and
// two outputs may never share a path. One gate (the compile stage's output guard) turns such
// names into findings at the definition's line; the staging writer refuses them again.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StagingWriter } from '../src/cli/staging-writer.ts';
import { compileProject } from '../src/pipeline/build-project.ts';
import { unsafeOutputPath } from '../src/pipeline/output-path.ts';
import { namedProject, type HostileNames } from './fixtures/hostile/names.ts';
import { lineOf } from './support/compile.ts';
import { obsgen, REPO, snapshot, tempDir } from './support/cli.ts';

const FIXTURE = 'test/fixtures/hostile/names.ts';
const fixtureLine = (needle: string): number => lineOf(readFileSync(path.join(REPO, FIXTURE), 'utf8'), needle);

describe('unsafeOutputPath', () => {
  it.each([
    ['', 'is empty'],
    ['/etc/passwd', 'is absolute'],
    ['prometheus/../../x.yml', 'leaves its folder'],
    ['prometheus/./x.yml', 'leaves its folder'],
    ['prometheus//x.yml', 'empty name'],
    ['prometheus/shop/.rules.yml', 'starting with "."'],
    ['prometheus/shop/a\0b.yml', 'character'],
    ['prometheus/shop/a\\b.yml', 'character'],
    ['prometheus/shop/a\nb.yml', 'character'],
    [`prometheus/shop/${'a'.repeat(201)}.yml`, 'longer than 200 bytes'],
    [`${'abc/'.repeat(300)}x`, 'longer than 1024 bytes'],
  ])('refuses %j (%s)', (unsafe, why) => {
    expect(unsafeOutputPath(unsafe)).toContain(why);
  });

  it.each([
    'prometheus/shop/api-alerts.rules.yml',
    'grafana/ai-teams/slo-api-latency.json',
    'runbooks/shop/HighErrorRate.md',
    'b/ünïcode-×.md',
  ])('accepts %s', (safe) => {
    expect(unsafeOutputPath(safe)).toBeUndefined();
  });
});

describe('a hostile name of any kind, through the CLI', () => {
  const cases = [
    ['system', "catalog(name('system'"],
    ['group', "ruleGroup(name('group'"],
    ['alert', "alert(name('alert'"],
    ['slo', "slo(name('slo'"],
  ] as const;
  const names = (marker: string): string[] => [
    `x/../../../../../../../../../../tmp/${marker}`,
    '/tmp/abs-' + marker,
    `a${'\0'}b`,
    '',
    'z'.repeat(300),
  ];

  it.each(cases)(
    '%s: exit 1 with a finding at its line, nothing written anywhere, generated/ untouched',
    (kind, needle) => {
      const sandbox = tempDir(`hostile-${kind}`);
      const out = path.join(sandbox, 'generated');
      expect(obsgen('build', '--definitions', FIXTURE, '--out', out).status).toBe(0);
      const before = snapshot(out);
      const marker = `obsgen-pwn-${kind}-${process.pid}`;
      for (const hostile of names(marker)) {
        if (hostile.includes('\0')) continue; // an environment variable cannot carry NUL; the in-process property covers it
        const result = obsgen.withEnv({ OBSGEN_HOSTILE_KIND: kind, OBSGEN_HOSTILE_NAME: hostile })(
          'build',
          '--definitions',
          FIXTURE,
          '--out',
          out,
          '--format',
          'json',
        );
        expect(result.status, `${kind} ${JSON.stringify(hostile)}: ${result.stdout}${result.stderr}`).toBe(1);
        const findings = (
          JSON.parse(result.stdout) as { findings: { rule: string; at: { file: string; line: number } }[] }
        ).findings;
        const located = findings.filter(
          (f) =>
            (f.at.file === FIXTURE && f.at.line === fixtureLine(needle)) ||
            (kind === 'system' && f.at.line === fixtureLine('system({')),
        );
        expect(
          located.map((f) => f.rule),
          `${kind} ${JSON.stringify(hostile)}`,
        ).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^(output\/unsafe-path|slo\/name|rule\/invalid|catalog\/invalid)$/),
          ]),
        );
        expect(readdirSync('/tmp').filter((entry) => entry.includes(marker))).toEqual([]);
        expect(readdirSync(sandbox)).toEqual(['generated']);
        expect(snapshot(out)).toEqual(before);
      }
    },
  );
});

describe('names become paths safely (property)', () => {
  const build = (names: HostileNames) => compileProject(namedProject(names));
  const name = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('..', '.', '', '/', 'a/../../b', '/abs', 'x\0y', 'slos', 'ok-name'),
    fc.string({ minLength: 190, maxLength: 260 }),
  );

  it('every file a build produces has a safe path; a refused one is an error finding; the writer keeps every file inside its root', () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-prop-')), 'out');
    let run = 0;
    fc.assert(
      fc.property(name, name, name, (group, alertName, sloName) => {
        const compiled = build({ group, alert: alertName, slo: sloName });
        for (const file of compiled.files) expect(unsafeOutputPath(file.path), file.path).toBeUndefined();
        const unsafeName =
          [group, sloName].some(
            (n) =>
              unsafeOutputPath(`${n}.rules.yml`) !== undefined || unsafeOutputPath(`slo-${n}.rules.yml`) !== undefined,
          ) || unsafeOutputPath(`${alertName}.md`) !== undefined;
        if (unsafeName) expect(compiled.findings.some((f) => f.severity === 'error')).toBe(true);
        const staging = `${root}-${run++}`;
        const writer = new StagingWriter(staging);
        writer.write(compiled.files);
        writer.finish();
        const written: string[] = [];
        const walk = (directory: string): void => {
          for (const entry of readdirSync(directory, { withFileTypes: true }))
            (entry.isDirectory() ? walk : (file: string) => written.push(file))(path.join(directory, entry.name));
        };
        walk(staging);
        expect(written.every((file) => file.startsWith(staging + path.sep))).toBe(true);
        expect(written.length).toBe(compiled.files.length);
        writer.discard();
      }),
      { numRuns: 150 },
    );
  });
});

describe('the staging writer (second line of defence)', () => {
  it.each(['../escape.txt', '/tmp/abs.txt', 'a/./b.txt', 'a/../../b.txt', 'nul\0.txt', ''])('refuses %j', (unsafe) => {
    const root = path.join(tempDir('writer'), 'out');
    const writer = new StagingWriter(root);
    expect(() => writer.write([{ path: unsafe, content: 'x' }])).toThrow(/refusing to write/);
    writer.discard();
    expect(existsSync(path.join(path.dirname(root), 'escape.txt'))).toBe(false);
  });

  it('never writes through a link planted in the staging directory', () => {
    const sandbox = tempDir('writer-link');
    const root = path.join(sandbox, 'out');
    const writer = new StagingWriter(root);
    mkdirSync(path.join(root, 'a'));
    symlinkSync(path.join(sandbox, 'victim.txt'), path.join(root, 'a', 'b.txt'));
    writer.write([{ path: 'a/b.txt', content: 'x' }]);
    expect(() => writer.finish()).toThrow(/EEXIST/);
    expect(existsSync(path.join(sandbox, 'victim.txt'))).toBe(false);
  });
});

describe('output collisions', () => {
  it.each(['slos', 'slo-availability'])(
    'a dashboard named %s beside generated SLO dashboards is output/collision at the dashboard, not a crash',
    (name) => {
      const result = obsgen.withEnv({ OBSGEN_HOSTILE_KIND: 'dashboard', OBSGEN_HOSTILE_NAME: name })(
        'build',
        '--definitions',
        FIXTURE,
        '--out',
        path.join(tempDir('collide'), 'generated'),
        '--format',
        'json',
      );
      expect(result.status).toBe(1);
      expect(result.stderr).not.toContain('obsgen bug');
      const findings = (
        JSON.parse(result.stdout) as { findings: { rule: string; subject: string; at: { line: number } }[] }
      ).findings;
      expect(findings.map((f) => `${f.rule} ${f.subject} ${f.at.line}`)).toEqual([
        `output/collision grafana/shop/${name}.json ${fixtureLine("dashboard(name('dashboard'")}`,
      ]);
    },
  );
});
