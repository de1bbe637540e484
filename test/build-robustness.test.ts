// A build is all or nothing whatever happens around it: another build of the same output, a
// killed build's lock, an output that cannot be written, definitions that throw while compiled.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineOf } from './support/compile.ts';
import { obsgen, REPO, snapshot, tempDir } from './support/cli.ts';

const EXAMPLE = 'init-template/definitions/index.ts';
const HOSTILE = 'test/fixtures/hostile/names.ts';
const strip = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice(v.indexOf(' ') + 1)]));

function buildAsync(out: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO, 'bin/obsgen.cjs'), 'build', '--definitions', EXAMPLE, '--out', out],
      { cwd: REPO },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('two builds of one output at once', () => {
  it(
    'both succeed, one after the other, and the output is complete, with no staging or lock left',
    { timeout: 120_000 },
    async () => {
      const reference = path.join(tempDir('reference'), 'generated');
      expect(obsgen('build', '--definitions', EXAMPLE, '--out', reference).status).toBe(0);
      for (let round = 0; round < 3; round++) {
        const sandbox = tempDir(`concurrent-${round}`);
        const out = path.join(sandbox, 'generated');
        const results = await Promise.all([buildAsync(out), buildAsync(out), buildAsync(out)]);
        for (const result of results) expect(result.status, result.stderr).toBe(0);
        expect(strip(snapshot(out))).toEqual(strip(snapshot(reference)));
        expect(readdirSync(sandbox)).toEqual(['generated']);
      }
    },
  );

  it('a lock left by a build that died is taken over', () => {
    const sandbox = tempDir('stale-lock');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(sandbox, '.generated.lock'), JSON.stringify({ pid: dead, host: hostname() }));
    const result = obsgen('build', '--definitions', EXAMPLE, '--out', path.join(sandbox, 'generated'));
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(sandbox)).toEqual(['generated']);
  });

  it('a build that holds the lock too long: exit 2 with one line naming it, nothing changed', () => {
    const sandbox = tempDir('live-lock');
    writeFileSync(path.join(sandbox, '.generated.lock'), JSON.stringify({ pid: process.pid, host: hostname() }));
    const result = obsgen.withEnv({ OBSGEN_LOCK_TIMEOUT_MS: '400' })(
      'build',
      '--definitions',
      EXAMPLE,
      '--out',
      path.join(sandbox, 'generated'),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`obsgen: waiting for another build (pid ${process.pid})`);
    expect(result.stderr).toContain(`another obsgen build (pid ${process.pid}) has been writing`);
    expect(readdirSync(sandbox)).toEqual(['.generated.lock']);
  });
});

describe('an output that cannot be written', () => {
  it.each(['/proc/obsgen-out', '/sys/obsgen-out', '/dev/null/obsgen-out'])(
    '--out %s: exit 2 with one clear line, no stack, no spinning',
    (out) => {
      const result = spawnSync(
        process.execPath,
        [path.join(REPO, 'bin/obsgen.cjs'), 'build', '--definitions', EXAMPLE, '--out', out],
        { cwd: REPO, encoding: 'utf8', timeout: 30_000 },
      );
      expect(result.signal).toBeNull();
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^obsgen: cannot write ${out}/: E[A-Z]+ \\(.*\\); nothing was changed\\.\\n$`),
      );
    },
  );
});

describe('definitions that fail while obsgen compiles them', () => {
  it("a throwing callback (an eventsSli window function) is the definitions' error at its line: exit 2, no staging left, output untouched", () => {
    const sandbox = tempDir('throwing');
    const out = path.join(sandbox, 'generated');
    expect(obsgen('build', '--definitions', HOSTILE, '--out', out).status).toBe(0);
    const before = snapshot(out);
    const result = obsgen.withEnv({ OBSGEN_THROWING_SLI: '1' })('build', '--definitions', HOSTILE, '--out', out);
    expect(result.status).toBe(2);
    const line = lineOf(readFileSync(path.join(REPO, HOSTILE), 'utf8'), 'throw new Error(`no errors query');
    expect(result.stderr).toContain(`${HOSTILE}:${line}  error  definitions/load`);
    expect(result.stderr).toContain('no errors query for 5m');
    expect(result.stderr).not.toContain('internal error');
    expect(readdirSync(sandbox)).toEqual(['generated']);
    expect(snapshot(out)).toEqual(before);
  });

  it.each(['NaN', 'Infinity', '100', '-5'])(
    'objective %s is slo/objective-range (exit 1), never a crash',
    (objective) => {
      const result = obsgen.withEnv({ OBSGEN_OBJECTIVE: objective })(
        'build',
        '--definitions',
        HOSTILE,
        '--out',
        path.join(tempDir('nan'), 'generated'),
        '--format',
        'json',
      );
      expect(result.stderr).not.toContain('internal error');
      expect(result.status).toBe(1);
      expect((JSON.parse(result.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual([
        'slo/objective-range',
      ]);
    },
  );
});

it('no build leaves a lock behind', () => {
  expect(existsSync(path.join(REPO, '.generated.lock'))).toBe(false);
});
