import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OBSGEN_ROOT } from '../../obsgen-root.ts';
import type { CommonOptions } from '../common-options.ts';

/** Template file (in the package's init-template/) → where it goes in the new project. */
const SCAFFOLD: readonly (readonly [template: string, target: string])[] = [
  ['definitions/index.ts', 'definitions/index.ts'],
  ['tsconfig.json', 'tsconfig.json'],
  // Stored without the leading dot: npm leaves .gitignore out of packages.
  ['gitignore', '.gitignore'],
  ['gitattributes', '.gitattributes'],
  ['github/workflows/obsgen.yml', '.github/workflows/obsgen.yml'],
  ['gitlab-ci.yml', '.gitlab-ci.yml'],
];

const SCRIPTS: Readonly<Record<string, string>> = {
  // obsgen's build strips types to stay fast; tsc is where a label a metric lacks fails CI.
  typecheck: 'tsc --noEmit -p tsconfig.json',
  build: 'obsgen build',
  check: 'obsgen check',
  test: 'obsgen test',
};
/** The TypeScript the scaffold type-checks definitions with (the version obsgen's types are tested on). */
const TYPESCRIPT_RANGE = '~5.9.0';
/** What `npm init` writes as the test script: a placeholder, not something to keep. */
const NPM_PLACEHOLDER_TEST = /^echo "Error: no test specified" && exit 1$/;

interface PackageJson {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * `obsgen init [dir]`: scaffolds a project that builds with zero findings. Everything is checked
 * before anything is written: an existing file, or a package.json script of the same name that
 * does something else, refuses the whole scaffold (exit 2).
 */
export function initCommand(options: CommonOptions): Promise<number> {
  const directory = path.resolve(options.positionals[0] ?? '.');
  const conflicts = SCAFFOLD.filter(([, target]) => existsSync(path.join(directory, target))).map(
    ([, target]) => `${target} exists`,
  );
  const manifestPath = path.join(directory, 'package.json');
  let manifest: PackageJson;
  try {
    manifest = existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson)
      : { name: packageName(directory), version: '0.1.0', private: true };
  } catch (error) {
    return refuse(`package.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const scripts = { ...manifest.scripts };
  for (const [name, command] of Object.entries(SCRIPTS)) {
    const existing = scripts[name];
    if (existing === undefined || existing === command || (name === 'test' && NPM_PLACEHOLDER_TEST.test(existing)))
      scripts[name] = command;
    else conflicts.push(`package.json script "${name}" is "${existing}"`);
  }
  if (conflicts.length > 0) {
    return refuse(
      `nothing written, because ${conflicts.join('; ')}. Move those aside (or rename the scripts) and run obsgen init again.`,
    );
  }

  for (const [template, target] of SCAFFOLD) {
    const destination = path.join(directory, target);
    mkdirSync(path.dirname(destination), { recursive: true });
    writeFileSync(destination, readFileSync(path.join(OBSGEN_ROOT, 'init-template', template)), { flag: 'wx' });
  }
  const has = (name: string) =>
    manifest.dependencies?.[name] !== undefined || manifest.devDependencies?.[name] !== undefined;
  const hasObsgen = has('obsgen');
  const added = {
    ...(hasObsgen ? {} : { obsgen: `^${obsgenVersion()}` }),
    ...(has('typescript') ? {} : { typescript: TYPESCRIPT_RANGE }),
  };
  const updated: PackageJson = {
    ...manifest,
    scripts,
    ...(Object.keys(added).length === 0 ? {} : { devDependencies: { ...manifest.devDependencies, ...added } }),
  };
  writeFileSync(manifestPath, `${JSON.stringify(updated, null, 2)}\n`);

  const where = path.relative(process.cwd(), directory) || '.';
  process.stdout.write(
    [
      `Scaffolded an obsgen project in ${where}/: definitions/index.ts (one example system), tsconfig.json, .gitignore, .gitattributes,`,
      'CI workflows for GitHub Actions and GitLab CI, and the typecheck, build, check and test scripts in package.json.',
      'Next:',
      ...(where === '.' ? [] : [`  cd ${where}`]),
      `  npm install${hasObsgen ? '' : '            # installs obsgen'}`,
      '  npm run typecheck      # tsc: a label a metric does not have, a misspelt option',
      '  npm run build          # checks definitions/ and writes generated/',
      '  npm test               # runs the generated promtool tests (needs promtool: Debian package prometheus)',
      '',
    ].join('\n'),
  );
  return Promise.resolve(0);
}

function refuse(reason: string): Promise<number> {
  process.stderr.write(`obsgen init: ${reason}\n`);
  return Promise.resolve(2);
}

function obsgenVersion(): string {
  return (JSON.parse(readFileSync(path.join(OBSGEN_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** npm's rules for a name: lower case, no spaces; the folder name is what `npm init` proposes. */
function packageName(directory: string): string {
  return (
    path
      .basename(directory)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'observability'
  );
}
