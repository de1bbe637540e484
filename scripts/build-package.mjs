#!/usr/bin/env node
// Builds what the npm package ships (dist/), from src/:
// - dist/obsgen.cjs: one CommonJS bundle of the public API, the CLI and the dependencies it runs
//   (jiti, the definitions' loader, stays a package). CommonJS, so that a consumer's definitions
//   reach the same instance whether jiti loads them as CommonJS (the `npm init` default) or as
//   ESM; one file, so that start-up resolves and reads one module instead of ~1,000.
// - dist/THIRD-PARTY-NOTICES.txt: the licence of every package the bundle carries.
// - dist/types/: declarations of the public API (`--types`; npm's prepare and prepack ask for them).
// Runs before `npm run build` and `npm test` in this repository, so dist/ never lags src/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'dist');
const withTypes = process.argv.includes('--types');

mkdirSync(dist, { recursive: true });
const result = await build({
  entryPoints: [path.join(repo, 'src/package/entry.ts')],
  outfile: path.join(dist, 'obsgen.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jiti, the definitions' loader, and ECharts, which only previews load (not every run's start-up).
  external: ['jiti', 'echarts', 'node:*'],
  metafile: true,
  // import.meta.url has no CommonJS meaning; every use wants this file's own URL.
  define: { 'import.meta.url': '__obsgenModuleUrl' },
  banner: { js: 'const __obsgenModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // No source map: Node reads none unless source maps are on, and obsgen's own frames are never shown.
  legalComments: 'none',
  // Without comments and indentation the bundle is pure ASCII (a one-byte string V8 reads and
  // hashes twice as fast) and a third smaller: every run starts faster. Names stay as written.
  minifyWhitespace: true,
  plugins: [withoutDashboardV2(), precompiledTemplates()],
  logLevel: 'warning',
});
// The Kubernetes schema validators (kubernetes-models) in a file of their own, which only a build
// writing Kubernetes objects loads.
const kubernetes = await build({
  entryPoints: [path.join(repo, 'src/kubernetes/model-validators.ts')],
  outfile: path.join(dist, 'kubernetes-validators.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['node:*'],
  // Go patterns as JavaScript RegExps, not re2-wasm's WebAssembly (src/kubernetes/re2-regexp.ts).
  alias: { '@kubernetes-models/validate/runtime/re2': path.join(repo, 'src/kubernetes/re2-regexp.ts') },
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// Every pattern compiles as it loads: a Go pattern JavaScript cannot read fails the build here.
createRequire(import.meta.url)(path.join(dist, 'kubernetes-validators.cjs')).modelValidators();
rmSync(path.join(dist, 're2.wasm'), { force: true });
writeFileSync(
  path.join(dist, 'THIRD-PARTY-NOTICES.txt'),
  thirdPartyNotices([...Object.keys(result.metafile.inputs), ...Object.keys(kubernetes.metafile.inputs)]),
);
// The declarations describe CommonJS (what the bundle is), not the repository's ESM sources.
writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
// Loaded at run time next to the bundle (src/aws/resource-schema.ts reads it with require).
copyFileSync(path.join(repo, 'src/aws/cfn-resource-schemas.json'), path.join(dist, 'cfn-resource-schemas.json'));
// The resource validators precompiled (ajv standalone): compiling them cost every run ~40 ms.
const generator = path.join(dist, '.validators-generator.mjs');
await build({
  entryPoints: [path.join(repo, 'scripts/precompiled-validators.ts')],
  outfile: generator,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  banner: {
    js: 'import { createRequire as __obsgenCreateRequire } from "node:module"; const require = __obsgenCreateRequire(import.meta.url);',
  },
});
const { standaloneValidators, grafanaDashboardValidator } = await import(pathToFileURL(generator).href);
writeFileSync(path.join(dist, 'cfn-validators.cjs'), standaloneValidators());
writeFileSync(path.join(dist, 'grafana-dashboard-validator.cjs'), grafanaDashboardValidator());
rmSync(generator);

if (withTypes) {
  rmSync(path.join(dist, 'types'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(repo, 'tsconfig.package.json')], { stdio: 'inherit' });
  // Relative specifiers of src/ end in .ts; a consumer's compiler resolves declarations by .js.
  for (const file of declarationFiles(path.join(dist, 'types'))) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/((?:from |import\()['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/**
 * Leaves the foundation SDK's dashboard v2 schema out of the bundle: each panel and query package
 * re-exports, beside the v1 builders obsgen uses, builders for the v2 schema that load its two
 * largest modules (~250 KiB, evaluated at every start-up). Those files become empty modules, so the
 * package exports only its v1 builders; test/adoption.test.ts holds the bundle to that.
 */
function withoutDashboardV2() {
  const v2Only =
    /^\.\.?\/(dashboardv2|dashboardv2beta1|visualizationV2Builder\.gen|visualizationBuilder\.gen|queryBuilder\.gen|queryV2Builder\.gen)$/;
  return {
    name: 'without-dashboard-v2',
    setup(build) {
      build.onResolve({ filter: v2Only }, ({ path: specifier, importer }) =>
        importer.includes(`${path.sep}@grafana${path.sep}grafana-foundation-sdk${path.sep}`)
          ? { path: specifier, namespace: 'dashboard-v2-left-out' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'dashboard-v2-left-out' }, () => ({ contents: '', loader: 'js' }));
    },
  };
}

/**
 * Each Handlebars template module (`x.hbs.ts` beside its `x.hbs`) becomes the template precompiled
 * for Handlebars' runtime, so a run neither reads nor compiles it, and the bundle carries no compiler.
 */
function precompiledTemplates() {
  const hbs = createRequire(import.meta.url)('handlebars');
  return {
    name: 'precompiled-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.hbs\.ts$/ }, ({ path: file }) => {
        const source = readFileSync(file, 'utf8');
        const template = /new URL\('\.\/([\w.-]+\.hbs)'/.exec(source)?.[1];
        const exported = /export const (\w+)/.exec(source)?.[1];
        if (template === undefined || exported === undefined || !source.includes('{ noEscape: true }'))
          throw new Error(
            `${file}: a template module reads its .hbs with new URL('./x.hbs') and compiles it { noEscape: true }`,
          );
        const spec = hbs.precompile(readFileSync(path.join(path.dirname(file), template), 'utf8'), { noEscape: true });
        return {
          contents: `import Handlebars from 'handlebars/runtime';\nexport const ${exported} = Handlebars.template(${spec});\n`,
          loader: 'js',
          resolveDir: path.dirname(file),
        };
      });
    },
  };
}

/** The licence text of each package with a file in the bundle, in name order. */
function thirdPartyNotices(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match) packages.set(match[2], path.join(repo, match[1]));
  }
  const sections = [...packages]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, directory]) => {
      const { version, license } = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
      const file = readdirSync(directory).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
      if (file === undefined) {
        if (typeof license !== 'string') throw new Error(`${name} has neither a licence file nor a licence to name`);
        return `${name} ${version} (${license})\n\nThe package ships no licence text; its package.json declares ${license}.\n`;
      }
      return `${name} ${version} (${license})\n\n${readFileSync(path.join(directory, file), 'utf8').trim()}\n`;
    });
  return `obsgen's bundle (dist/obsgen.cjs) contains these packages:\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

function* declarationFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const child = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* declarationFiles(child);
    else if (entry.name.endsWith('.d.ts')) yield child;
  }
}
