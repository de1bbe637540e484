// Adoption as a new user goes through it: the packed tarball installed into a fresh CommonJS
// package (what `npm init` writes) and a fresh ESM one, then `obsgen init`, build, check, test
// and the consumer's own `tsc` on a plain strict tsconfig.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './support/cli.ts';

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
}

/** npm's warnings, less the lines about npm itself (a newer npm exists) that no package can change. */
function warningsOf(result: SpawnSyncReturns<string>): string[] {
  return `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((line) => /npm warn/i.test(line) && !/new (major|minor|patch) version of npm/i.test(line));
}

function ok(result: SpawnSyncReturns<string>): string {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

let tarball: string;
beforeAll(() => {
  const destination = tempDir('pack');
  const packed = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', destination], REPO))) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = path.join(destination, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);
}, 180_000);
let packedFiles: string[] = [];

describe('npm pack', () => {
  it('ships the CLI, the bundle, its declarations, the init template and nothing of the repository', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'bin/obsgen.cjs',
        'dist/obsgen.cjs',
        'dist/types/index.d.ts',
        'init-template/definitions/index.ts',
        'package.json',
        'README.md',
        'LICENSE',
      ]),
    );
    const topLevel = new Set(packedFiles.map((file) => file.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'init-template', 'package.json']);
  });

  it('ships a bundle of pure ASCII, which V8 holds as a one-byte string (start-up reads and hashes it at every run)', () => {
    const bundle = readFileSync(path.join(REPO, 'dist/obsgen.cjs'), 'latin1');
    const first = bundle.search(/[\u0080-\uffff]/);
    expect(first, first < 0 ? '' : `non-ASCII at ${first}: ${bundle.slice(first - 60, first + 20)}`).toBe(-1);
  });

  it('ships a bundle without what no run needs: the SDK dashboard v2 schema, zod locales, a template compiler', () => {
    // esbuild names each CommonJS module it wraps by its path; ESM modules are inlined.
    const bundle = readFileSync(path.join(REPO, 'dist/obsgen.cjs'), 'latin1');
    const modules = [...bundle.matchAll(/"([^"]*node_modules\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(
      modules.filter((module) => /grafana-foundation-sdk\/dist\/(dashboardv2|[^/]+\/\w*V2\w*\.gen)/.test(module)),
    ).toEqual([]);
    expect(modules.filter((module) => /handlebars\/dist\/cjs\/handlebars\/compiler\//.test(module))).toEqual([]);
    expect(modules.some((module) => module.includes('handlebars/dist/cjs/handlebars.runtime.js'))).toBe(true);
    // zod is ES modules: its locale files would be inlined as their message tables.
    expect(bundle).not.toContain('Nieprawid');
  });
});

describe.each(['commonjs', 'module'] as const)('a fresh %s package that installs the tarball', (type) => {
  let consumer: string;
  beforeAll(() => {
    consumer = tempDir(`consumer-${type}`);
    writeFileSync(
      path.join(consumer, 'package.json'),
      `${JSON.stringify({ name: `consumer-${type}`, version: '1.0.0', type, scripts: { test: 'echo "Error: no test specified" && exit 1' } }, null, 2)}\n`,
    );
    const installed = run('npm', ['install', '--prefer-offline', tarball], consumer);
    ok(installed);
    installWarnings = warningsOf(installed);
  }, 180_000);
  let installWarnings: string[] = [];

  it('installs on Node 20 without an engine warning or a script the tarball lacks', () => {
    expect(installWarnings.filter((line) => /EBADENGINE|prepare|prepack/.test(line))).toEqual([]);
  });

  it('obsgen init scaffolds the project and the package.json scripts', () => {
    const out = ok(run('npx', ['--no-install', 'obsgen', 'init'], consumer));
    expect(out).toContain('npm run build');
    const manifest = JSON.parse(readFileSync(path.join(consumer, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      type: string;
    };
    expect(manifest.scripts).toEqual({
      typecheck: 'tsc --noEmit -p tsconfig.json',
      build: 'obsgen build',
      check: 'obsgen check',
      test: 'obsgen test',
    });
    expect(manifest.type).toBe(type);
    expect(readdirSync(consumer).sort()).toEqual([
      '.gitattributes',
      '.github',
      '.gitignore',
      '.gitlab-ci.yml',
      'definitions',
      'node_modules',
      'package-lock.json',
      'package.json',
      'tsconfig.json',
    ]);
    expect(readFileSync(path.join(consumer, '.gitattributes'), 'utf8')).toContain(
      'generated/** linguist-generated=true',
    );
  });

  it('npm run build writes generated/ with zero findings', () => {
    const out = ok(run('npm', ['run', 'build'], consumer));
    expect(out).toContain('0 errors, 0 warnings');
    expect(readdirSync(path.join(consumer, 'generated')).sort()).toEqual([
      'README.md',
      'alertmanager',
      'grafana',
      'openslo',
      'otel',
      'prometheus',
      'reports',
      'runbooks',
    ]);
  });

  it('obsgen check agrees that generated/ is current', () => {
    expect(ok(run('npx', ['--no-install', 'obsgen', 'check'], consumer))).toContain('0 errors, 0 warnings');
  });

  it('npm test runs the generated promtool tests and amtool routing tests, and they pass', () => {
    const out = ok(run('npm', ['test'], consumer));
    expect(out).toMatch(/promtool: (\d+) of \1 rule files load, (\d+) of \2 test files pass/);
    expect(out).toMatch(/amtool: alertmanager\/alertmanager.yml loads, (\d+) of \1 alerts route to their receivers/);
  });

  it("npm install brings the scaffold's TypeScript without a warning, and npm run typecheck passes on the strict tsconfig", () => {
    expect(warningsOf(run('npm', ['install', '--prefer-offline'], consumer))).toEqual([]);
    ok(run('npm', ['run', 'typecheck'], consumer));
  }, 180_000);

  it('a misspelt option fails the build itself, at its line, even where no one runs tsc', () => {
    const file = path.join(consumer, 'definitions/index.ts');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(
        file,
        original.replace("help: 'HTTP requests served.',", "// @ts-expect-error\n      hlep: 'HTTP requests served.',"),
      );
      const line =
        readFileSync(file, 'utf8')
          .split('\n')
          .findIndex((text) => text.includes('hlep')) + 1;
      const result = run('npm', ['run', 'build'], consumer);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('definition/unknown-key');
      expect(result.stdout).toContain('hlep is not a key of a metric (did you mean help?)');
      expect(result.stdout).toMatch(new RegExp(`definitions/index.ts:(${line - 1}|${line - 2}|${line - 3})`));
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a misspelt label in the definitions fails npm run typecheck in the consumer', () => {
    const file = path.join(consumer, 'definitions/index.ts');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(
        file,
        original.replace(
          "where({ status_code: re('5..') }), '5m'), by('service'))",
          "where({ status_cod: re('5..') }), '5m'), by('service'))",
        ),
      );
      const result = run('npm', ['run', 'typecheck'], consumer);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toMatch(/definitions\/index\.ts\(\d+,\d+\): error TS\d+: .*status_cod/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('definitions with top-level await load too (through jiti), from the code-cached bundle', () => {
    const file = path.join(consumer, `definitions/index.${type === 'module' ? 'ts' : 'mts'}`);
    const original = readFileSync(path.join(consumer, 'definitions/index.ts'), 'utf8');
    try {
      writeFileSync(
        file,
        original.replace('export default project(', 'await Promise.resolve();\nexport default project('),
      );
      // One code cache per file the runs compiled: the bundle, jiti, and the validators they loaded.
      const caches = readdirSync(path.join(consumer, 'node_modules/obsgen/.cache')).filter((f) => f.endsWith('.v8'));
      expect(caches.filter((f) => f.startsWith('obsgen.cjs-'))).toHaveLength(1);
      expect(caches.filter((f) => f.startsWith('jiti.cjs-'))).toHaveLength(1);
      expect(caches.filter((f) => !/^[\w.-]+\.cjs-\d+-\d+-[0-9a-f]{12}\.v8$/.test(f))).toEqual([]);
      const result = run(
        'npx',
        ['--no-install', 'obsgen', 'check', '--definitions', path.relative(consumer, file), '--out', tempDir('tla')],
        consumer,
      );
      expect(result.stderr).not.toContain('definitions/load');
      expect(result.stdout).toContain('build/stale-output'); // loaded and compiled: only the empty output differs
    } finally {
      writeFileSync(path.join(consumer, 'definitions/index.ts'), original);
      if (type !== 'module') rmSync(file);
    }
  });

  it('obsgen init again refuses with exit 2 and changes nothing', () => {
    const scaffolded = [
      'package.json',
      'definitions/index.ts',
      'tsconfig.json',
      '.gitignore',
      '.github/workflows/obsgen.yml',
      '.gitlab-ci.yml',
    ];
    const read = (): string[] => scaffolded.map((file) => readFileSync(path.join(consumer, file), 'utf8'));
    const before = read();
    const result = run('npx', ['--no-install', 'obsgen', 'init'], consumer);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('obsgen init: nothing written, because definitions/index.ts exists');
    expect(read()).toEqual(before);
  });
});
