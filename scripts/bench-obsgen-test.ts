// `obsgen test` on one rule group of N alerts (scripts/many-alerts-definitions.ts), each with a
// case that fires and one that stays quiet: wall time, and per alert. The baseline in the same
// run is promtool on the group's whole test file, as `obsgen test` ran it before it split files
// by alert (quadratic: every case evaluates every alert); it is measured at the smallest size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ObsgenTestSample {
  readonly alerts: number;
  readonly cases: number;
  readonly wallMs: number;
  /** promtool on the whole test file, when measured (the smallest size). */
  readonly wholeFileMs: number | undefined;
}

export function benchObsgenTest(sizes: readonly number[]): ObsgenTestSample[] {
  const promtool = locateTool('promtool');
  if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-test-'));
  try {
    return sizes.map((alerts, index) => {
      const out = path.join(scratch, `alerts-${alerts}`);
      const env = { ...process.env, OBSGEN_ALERTS: String(alerts) };
      const cli = (...args: string[]) => {
        const run = spawnSync(
          process.execPath,
          [
            path.join(REPO, 'bin/obsgen.cjs'),
            ...args,
            '--definitions',
            'scripts/many-alerts-definitions.ts',
            '--out',
            out,
          ],
          { cwd: REPO, encoding: 'utf8', env },
        );
        if (run.status !== 0)
          throw new Error(`obsgen ${args.join(' ')} exited ${run.status}: ${run.stdout}${run.stderr}`);
        return run.stdout;
      };
      cli('build');
      const started = performance.now();
      const printed = cli('test');
      const wallMs = performance.now() - started;
      const cases = Number(/\((\d+) cases/.exec(printed)?.[1] ?? Number.NaN);
      let wholeFileMs: number | undefined;
      if (index === 0) {
        const whole = performance.now();
        const run = spawnSync(promtool, ['test', 'rules', path.join(out, 'prometheus/api/tests/routes.test.yml')], {
          encoding: 'utf8',
        });
        if (run.status !== 0) throw new Error(`promtool test rules failed: ${run.stdout}${run.stderr}`);
        wholeFileMs = performance.now() - whole;
      }
      return { alerts, cases, wallMs, wholeFileMs };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
