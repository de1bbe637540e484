import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './support/cli.ts';

const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');

function tsc(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { cwd: REPO, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('TypeScript checks label names at authoring time', () => {
  it('the whole project type-checks, so every @ts-expect-error in test/types/ is a real error', () => {
    const result = tsc(path.join(REPO, 'tsconfig.json'));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('a misspelt label is a compile error that suggests the right one', () => {
    const dir = tempDir('tsc');
    writeFileSync(
      path.join(dir, 'typo.ts'),
      [
        `import { catalog, counter, oneOf } from '${path.join(REPO, 'src/index.ts')}';`,
        "const c = catalog('shop', { scrapeInterval: '15s', instances: 1,",
        "  labels: { status_code: oneOf('200', '500') },",
        "  metrics: { request_count_total: counter({ labels: ['status_code'] }) } });",
        "c.metrics.request_count_total.where({ statsu_code: '500' });",
        "c.metrics.request_count_total.where({ status_code: '502' });",
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(REPO, 'tsconfig.json'),
        compilerOptions: { typeRoots: [path.join(REPO, 'node_modules/@types')] },
        include: ['typo.ts'],
      }),
    );
    const result = tsc(path.join(dir, 'tsconfig.json'));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(
      /typo\.ts\(5,\d+\): error TS2561: Object literal may only specify known properties, but 'statsu_code' does not exist/,
    );
    expect(result.output).toContain("Did you mean to write 'status_code'?");
    expect(result.output).toMatch(/typo\.ts\(6,\d+\): error TS2322: Type '"502"' is not assignable/);
  });
});
