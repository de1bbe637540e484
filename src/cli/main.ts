import { FINDING_FORMATS, type OutputFormat } from './format-findings.ts';
import { parseArgs } from 'node:util';
import type { CommonOptions } from './common-options.ts';
import { restoreYoungGeneration } from './young-generation.ts';

const USAGE = `Usage: obsgen <command> [options]

Commands:
  build   compile and check the definitions; write <out> when there is no error finding
  check   compile and check in memory; also fail when <out> differs from what build writes
  test    run promtool check rules and promtool test rules on <out>/prometheus
  diff    what a change does: alerts, series, SLOs, dashboards, collectors, CloudWatch against
          --base <git-ref> (default HEAD), as markdown (a PR comment), json or html;
          --fail-on series-growth=<percent>,removed-alert,untested-critical exits 1
  promql  check one PromQL expression against the project's catalogs: obsgen promql '<expr>'
  init    scaffold a project in [dir] (default: here); refuses to overwrite anything
  import  write definitions from what a team has: obsgen import rules|sloth|openslo|dashboard
          <file> [<definitions file>] (default definitions/imported/<system>.ts; --system names it);
          obsgen import catalog --prometheus <url> [--match <selector>] [<definitions file>]
  verify  hold each system's catalog against a live Prometheus (--prometheus <url>): missing and
          undeclared metrics and labels, values outside domains, bounds exceeded, buckets, types
  backtest every alert evaluated over the last --range (default 7d) of a live Prometheus, as the
          rule manager would: firing episodes, a week's worth, time firing, flapping, delay of for;
          each SLO's bad events, burn rate and budget spent over the range
  preview every panel of every dashboard drawn with the data a live Prometheus returns over its
          default range: one page per dashboard in --out (default previews/)

Options:
  --definitions <file>   definitions module (default: definitions/index.ts)
  --out <dir>            output directory (default: generated; preview: previews)
  --format <format>      findings: text (default) or json; check, build: also sarif, github
                         (annotations) or gitlab (code quality); diff: markdown|json|html
  --base <ref>           diff: the git ref to compare with (default: HEAD)
  --fail-on <conditions> diff: exit 1 on series-growth=<percent>, removed-alert, untested-critical
  --system <name>        promql: resolve names in this system's catalog first; import: the system's name
  --explain              test: print each alert test case's expression value, as promtool computes it
  --only <system|alert>  test: run only the test cases of one system or one alert
  --max-warnings <n>     build, check, verify: fail when there are more than n warnings (strict CI: 0)
  --prometheus <url>     verify, import catalog, backtest, diff, preview: the Prometheus (or Mimir/Thanos)
                         query API to read (diff: backtest each changed alert, before and after)
  --match <selector>     verify, import catalog: only series matching it, e.g. '{job="shop"}'
  --window <duration>    verify, import catalog: how far back a series counts (default 1h)
  --range <duration>     backtest, diff: how far back alerts are evaluated (default 7d)
  --synthetic            diff: the same evidence on synthetic history in a local Prometheus
  --bearer-token-file <f>, --basic-auth-file <f> (user:password), --ca-file <pem>,
  --insecure-skip-verify, --timeout <seconds> (default 30): how to reach it; a token may also
                         come from OBSGEN_PROMETHEUS_TOKEN, a tenant from OBSGEN_PROMETHEUS_ORG_ID
  --update <labels>      verify: rewrite these bounded labels' bounds in place where production
                         outgrew them (comma-separated label names)
  -h, --help             show this help

Exit codes: 0 no error findings, 1 error findings (or stale output), 2 usage or load error.`;

interface Command {
  readonly run: (options: CommonOptions) => Promise<number>;
  /** The positional arguments it takes: how many at least and at most, and what they are. */
  readonly positionals: { readonly min: number; readonly max: number; readonly what: string };
}

const NONE = { min: 0, max: 0, what: 'no arguments' } as const;
// Each command's module is loaded when it runs: a run starts only the code (and the Node modules,
// such as child_process) its own command needs.
const COMMANDS: Readonly<Record<string, Command>> = {
  build: { run: async (options) => (await import('./commands/build.ts')).buildCommand(options), positionals: NONE },
  check: { run: async (options) => (await import('./commands/check.ts')).checkCommand(options), positionals: NONE },
  import: {
    run: async (options) =>
      options.positionals[0] === 'catalog'
        ? (await import('./commands/import-catalog.ts')).importCatalogCommand(options)
        : (await import('./commands/import.ts')).importCommand(options),
    positionals: {
      min: 1,
      max: 3,
      what: 'a kind (rules, sloth, openslo, dashboard) and a file, or catalog; optionally where to write',
    },
  },
  verify: { run: async (options) => (await import('./commands/verify.ts')).verifyCommand(options), positionals: NONE },
  backtest: {
    run: async (options) => (await import('./commands/backtest.ts')).backtestCommand(options),
    positionals: NONE,
  },
  preview: {
    run: async (options) => (await import('./commands/preview.ts')).previewCommand(options),
    positionals: NONE,
  },
  init: {
    run: async (options) => (await import('./commands/init.ts')).initCommand(options),
    positionals: { min: 0, max: 1, what: 'at most one argument (the directory)' },
  },
  diff: { run: async (options) => (await import('./commands/diff.ts')).diffCommand(options), positionals: NONE },
  promql: {
    run: async (options) => (await import('./commands/promql.ts')).promqlCommand(options),
    positionals: { min: 1, max: 1, what: '1 argument (the expression, quoted)' },
  },
  test: { run: async (options) => (await import('./commands/test.ts')).testCommand(options), positionals: NONE },
};

/** Runs the CLI and returns the exit code; never throws for user errors. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (spec === undefined) return usageError(`unknown command "${command}"`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: {
        definitions: { type: 'string', default: 'definitions/index.ts' },
        out: { type: 'string' },
        format: { type: 'string', default: 'text' },
        system: { type: 'string' },
        explain: { type: 'boolean', default: false },
        only: { type: 'string' },
        'max-warnings': { type: 'string' },
        base: { type: 'string' },
        'fail-on': { type: 'string' },
        prometheus: { type: 'string' },
        match: { type: 'string' },
        window: { type: 'string' },
        'bearer-token-file': { type: 'string' },
        'basic-auth-file': { type: 'string' },
        'ca-file': { type: 'string' },
        'insecure-skip-verify': { type: 'boolean', default: false },
        synthetic: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        update: { type: 'string' },
        range: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: spec.positionals.max > 0,
      strict: true,
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length < spec.positionals.min || parsed.positionals.length > spec.positionals.max) {
    return usageError(`${command} takes ${spec.positionals.what}, got ${parsed.positionals.length}`);
  }
  if (parsed.values.explain && command !== 'test') return usageError('--explain belongs to obsgen test');
  if (parsed.values.only !== undefined && command !== 'test') return usageError('--only belongs to obsgen test');
  if (parsed.values['max-warnings'] !== undefined && !['build', 'check', 'verify'].includes(command))
    return usageError('--max-warnings belongs to obsgen build, check and verify');
  const readsLive =
    command === 'verify' ||
    command === 'backtest' ||
    command === 'diff' ||
    command === 'preview' ||
    (command === 'import' && parsed.positionals[0] === 'catalog');
  const liveFlags = [
    'prometheus',
    'bearer-token-file',
    'basic-auth-file',
    'ca-file',
    'insecure-skip-verify',
    'timeout',
  ] as const;
  const misplaced = liveFlags.find((flag) => parsed.values[flag] !== undefined && parsed.values[flag] !== false);
  if (misplaced !== undefined && !readsLive)
    return usageError(`--${misplaced} belongs to obsgen verify, backtest, diff, preview and import catalog`);
  // What a backtest or diff reads is set by the definitions and --range, not by a selector or window.
  const measuring = (['match', 'window'] as const).find((flag) => parsed.values[flag] !== undefined);
  if (measuring !== undefined && command !== 'verify' && !(command === 'import' && parsed.positionals[0] === 'catalog'))
    return usageError(`--${measuring} belongs to obsgen verify and import catalog`);
  if (parsed.values.range !== undefined && command !== 'backtest' && command !== 'diff')
    return usageError('--range belongs to obsgen backtest and diff');
  if (parsed.values.synthetic === true && command !== 'diff')
    return usageError(
      '--synthetic belongs to obsgen diff (backtest and preview use synthetic history without --prometheus)',
    );
  if (parsed.values.synthetic === true && parsed.values.prometheus !== undefined)
    return usageError('--synthetic and --prometheus: choose one');
  if (parsed.values.update !== undefined && command !== 'verify')
    return usageError('--update belongs to obsgen verify');
  if (command === 'import' && parsed.positionals[0] !== 'catalog' && parsed.positionals.length < 2)
    return usageError(`import ${parsed.positionals[0]} takes a file`);
  const maxWarningsText = parsed.values['max-warnings'];
  const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
  if (
    maxWarnings !== undefined &&
    !(Number.isInteger(maxWarnings) && maxWarnings >= 0 && /^\d+$/.test(maxWarningsText ?? ''))
  )
    return usageError(`--max-warnings takes a whole number, not "${maxWarningsText}"`);
  if ((parsed.values.base !== undefined || parsed.values['fail-on'] !== undefined) && command !== 'diff')
    return usageError('--base and --fail-on belong to obsgen diff');
  const format = parsed.values.format;
  const diffFormat = format === 'text' ? 'markdown' : format;
  if (command === 'diff' && diffFormat !== 'markdown' && diffFormat !== 'json' && diffFormat !== 'html')
    return usageError(`--format must be markdown, json or html, not "${format}"`);
  const findingFormats: readonly string[] =
    command === 'check' || command === 'build' || command === 'verify' ? FINDING_FORMATS : ['text', 'json'];
  if (command !== 'diff' && !findingFormats.includes(format))
    return usageError(`--format must be ${findingFormats.join(', ').replace(/, ([^,]+)$/, ' or $1')}, not "${format}"`);
  try {
    return await spec.run({
      definitions: parsed.values.definitions,
      out: parsed.values.out ?? (command === 'preview' ? 'previews' : 'generated'),
      format: command === 'diff' ? 'text' : (format as OutputFormat),
      diffFormat: diffFormat as 'markdown' | 'json' | 'html',
      base: parsed.values.base,
      failOn: parsed.values['fail-on'],
      system: parsed.values.system,
      explain: parsed.values.explain,
      only: parsed.values.only,
      maxWarnings,
      positionals: parsed.positionals,
      live: {
        prometheus: parsed.values.prometheus,
        match: parsed.values.match,
        window: parsed.values.window,
        bearerTokenFile: parsed.values['bearer-token-file'],
        basicAuthFile: parsed.values['basic-auth-file'],
        caFile: parsed.values['ca-file'],
        insecureSkipVerify: parsed.values['insecure-skip-verify'] === true,
        timeout: parsed.values.timeout,
        update: parsed.values.update,
        range: parsed.values.range,
        synthetic: parsed.values.synthetic === true,
      },
    });
  } catch (error) {
    // A bug in obsgen itself: say so plainly, with the stack, and use the usage/load exit code.
    process.stderr.write(
      `obsgen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the definitions that caused it.\n`,
    );
    return 2;
  } finally {
    // The bin saves V8 code caches after the run, and V8 rejects a cache made under other flags.
    restoreYoungGeneration();
  }
}

function usageError(message: string): number {
  process.stderr.write(`obsgen: ${message}\n\n${USAGE}\n`);
  return 2;
}
