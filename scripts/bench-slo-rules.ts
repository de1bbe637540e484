// Side by side in one run: the real Prometheus evaluating Sloth's rules (the Sloth corpus'
// getting-started output) and obsgen's staged rules for the same SLO, on the same synthetic history:
// thousands of request series, three days backfilled with promtool, and each side's 5m recordings
// backfilled from it (promtool tsdb create-blocks-from rules), as a Prometheus running them for
// days would hold. Reported: samples the SLI rules read per evaluation (Prometheus' own query
// statistics, stats=all, summed over the group's rules) and the group's evaluation time
// (prometheus_rule_group_last_duration_seconds, median of several evaluations).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/cli/free-port.ts';
import { parse, stringify } from 'yaml';
import { bounded, compileProject, counter, catalog, eventsSli, oneOf, project, slo, system } from '../src/index.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { corpusDir } from './corpus.ts';

const INSTANCES = 10;
const HANDLERS = 40;
const CODES = ['200', '201', '404', '429', '500'];
const STEP = 120; // seconds between backfilled samples
const DAYS = 3;

export interface SideFigures {
  readonly samples: number;
  readonly seconds: number;
}

function tool(name: 'promtool' | 'prometheus'): string {
  const found = locateTool(name);
  if (found === undefined) throw new Error(missingToolMessage(name));
  return found;
}

/** Raw history: every series of http_request_duration_seconds_count, one sample per STEP. */
async function writeHistory(file: string, start: number, end: number): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  await write('# TYPE http_request_duration_seconds_count counter\n');
  let series = 0;
  for (let t = start; t <= end; t += STEP) {
    const elapsed = t - start;
    const lines: string[] = [];
    for (let i = 0; i < INSTANCES; i++)
      for (let h = 0; h < HANDLERS; h++)
        for (const [c, code] of CODES.entries()) {
          // Steady traffic per handler, a few errors; bursts every 6h on some handlers.
          const perSecond =
            (1 + (h % 7)) *
            (code === '200' ? 10 : code === '500' ? 0.05 : 0.5) *
            (Math.floor(elapsed / 21_600) % 2 === 0 || h % 5 !== 0 ? 1 : 4);
          lines.push(
            `http_request_duration_seconds_count{job="myservice",instance="i${i}",handler="h${h}",code="${code}"} ${Math.round(perSecond * elapsed) + c} ${t}`,
          );
        }
    series = lines.length;
    await write(`${lines.join('\n')}\n`);
  }
  await write('# EOF\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return series;
}

async function startPrometheus(
  data: string,
  config: string,
): Promise<{ process: ChildProcess; api: string; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    tool('prometheus'),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
      '--storage.tsdb.retention.time=30d',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { process: child, api: `${base}/api/v1`, base };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('prometheus did not become ready');
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Sloth's groups of the getting-started SLO, and obsgen's for the same spec. */
function ruleFiles(): {
  sloth: { groups: { name: string; rules: { record?: string; expr: string }[] }[] };
  obsgen: { groups: { name: string; rules: { record?: string; expr: string }[] }[] };
} {
  const sloth = parse(
    readFileSync(path.join(corpusDir('sloth'), 'getting-started.generated.yml'), 'utf8'),
  ) as ReturnType<typeof ruleFiles>['sloth'];
  const errors = (w: string) =>
    `sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[${w}]))`;
  const total = (w: string) => `sum(rate(http_request_duration_seconds_count{job="myservice"}[${w}]))`;
  const compiled = compileProject(
    project({
      systems: [
        system({
          catalog: catalog('myservice', {
            scrapeInterval: '2m',
            instances: INSTANCES,
            labels: {
              code: oneOf('200', '201', '404', '429', '500'),
              handler: bounded(HANDLERS, 'handlers of the service'),
            },
            metrics: {
              http_request_duration_seconds_count: counter({ help: 'Requests.', labels: ['code', 'handler'] }),
            },
          }),
          slos: [
            slo('requests-availability', {
              objective: 99.9,
              sli: eventsSli({ errors, total }),
              alerting: { noData: false },
            }),
          ],
        }),
      ],
    }),
  );
  const text = compiled.files.find(
    (f) => f.path === 'prometheus/myservice/slo-requests-availability.rules.yml',
  )!.content;
  return { sloth, obsgen: parse(text) as ReturnType<typeof ruleFiles>['obsgen'] };
}

/**
 * Samples the SLO's recording rules read per evaluation, as Prometheus counts them, and the time
 * its rule groups take to evaluate (each group's median of five evaluations, summed).
 */
async function measure(
  api: string,
  base: string,
  groups: readonly { name: string; rules: { record?: string; expr: string }[] }[],
): Promise<SideFigures> {
  let samples = 0;
  for (const rule of groups.flatMap((g) => g.rules).filter((r) => r.record !== undefined)) {
    const response = await fetch(`${api}/query?query=${encodeURIComponent(rule.expr)}&stats=all`);
    const body = (await response.json()) as { data: { stats?: { samples?: { totalQueryableSamples?: number } } } };
    samples += body.data.stats?.samples?.totalQueryableSamples ?? 0;
  }
  const durations = new Map<string, number[]>(groups.map((g) => [g.name, []]));
  const seen = new Map<string, number>();
  for (let i = 0; [...durations.values()].some((d) => d.length < 5) && i < 300; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const lines = (await (await fetch(`${base}/metrics`)).text()).split('\n');
    for (const group of groups) {
      const read = (metric: string) =>
        lines
          .find((l) => l.startsWith(`${metric}{`) && l.includes(`;${group.name}"`))
          ?.split(' ')
          .at(-1);
      const iterations = Number(read('prometheus_rule_group_iterations_total') ?? '0');
      const last = read('prometheus_rule_group_last_duration_seconds');
      if (last !== undefined && iterations >= 2 && iterations !== seen.get(group.name)) {
        seen.set(group.name, iterations);
        durations.get(group.name)!.push(Number(last));
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { samples, seconds: [...durations.values()].reduce((sum, d) => sum + median(d), 0) };
}

/** Runs the comparison; returns each side's figures and the raw series count. */
export async function benchSloRules(): Promise<{ series: number; sloth: SideFigures; obsgen: SideFigures }> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-slo-bench-'));
  try {
    const end = Math.floor(Date.now() / 1000 / STEP) * STEP - STEP;
    const start = end - DAYS * 86_400 - 3600;
    const history = path.join(scratch, 'history.om');
    const started = performance.now();
    const log = (what: string) =>
      process.stderr.write(`  slo bench: ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    const series = await writeHistory(history, start, end);
    log('history written');
    const raw = path.join(scratch, 'raw');
    const backfill = spawnSync(tool('promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', history, raw], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (backfill.status !== 0) throw new Error(backfill.stderr);
    rmSync(history);
    log('raw history backfilled');
    const { sloth, obsgen } = ruleFiles();
    const sides = {
      sloth: {
        groups: sloth.groups,
        sli: sloth.groups[0]!,
        staged: ['slo:sli_error:ratio_rate5m'] as readonly string[],
      },
      obsgen: {
        groups: obsgen.groups,
        sli: obsgen.groups[0]!,
        staged: [
          'slo:sli_error_events:rate5m',
          'slo:sli_total_events:rate5m',
          'slo:sli_error:ratio_rate5m',
        ] as readonly string[],
      },
    } as const;
    // Each side's 5m recordings over the history, evaluated by promtool against the raw data.
    writeFileSync(path.join(scratch, 'empty.yml'), '{}');
    const source = await startPrometheus(path.join(scratch, 'source'), path.join(scratch, 'empty.yml'));
    cpSync(raw, path.join(scratch, 'source'), { recursive: true });
    await stop(source.process);
    const reader = await startPrometheus(path.join(scratch, 'source'), path.join(scratch, 'empty.yml'));
    const figures: Record<'sloth' | 'obsgen', SideFigures> = {
      sloth: { samples: 0, seconds: 0 },
      obsgen: { samples: 0, seconds: 0 },
    };
    const recorded: Record<string, string> = {};
    for (const [name, side] of Object.entries(sides)) {
      const staged = {
        groups: [
          {
            name: `${name}-backfill`,
            rules: side.sli.rules.filter((r) => r.record !== undefined && side.staged.includes(r.record)),
          },
        ],
      };
      writeFileSync(path.join(scratch, `${name}-backfill.yml`), stringify(staged));
      const out = path.join(scratch, `${name}-recorded`);
      const filled = spawnSync(
        tool('promtool'),
        [
          'tsdb',
          'create-blocks-from',
          'rules',
          `--start=${start + 600}`,
          `--end=${end}`,
          `--url=${reader.base}`,
          '--eval-interval=2m',
          `--output-dir=${out}`,
          '--quiet',
          path.join(scratch, `${name}-backfill.yml`),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (filled.status !== 0) throw new Error(filled.stderr);
      recorded[name] = out;
    }
    await stop(reader.process);
    log('recordings backfilled');
    for (const [name, side] of Object.entries(sides) as [keyof typeof sides, (typeof sides)[keyof typeof sides]][]) {
      const data = path.join(scratch, `${name}-data`);
      cpSync(raw, data, { recursive: true });
      cpSync(recorded[name]!, data, { recursive: true });
      writeFileSync(
        path.join(scratch, `${name}.rules.yml`),
        stringify({ groups: side.groups.map((g) => ({ ...g, interval: '5s' })) }),
      );
      writeFileSync(
        path.join(scratch, `${name}.yml`),
        stringify({ global: { evaluation_interval: '5s' }, rule_files: [path.join(scratch, `${name}.rules.yml`)] }),
      );
      const server = await startPrometheus(data, path.join(scratch, `${name}.yml`));
      try {
        figures[name] = await measure(server.api, server.base, side.groups);
      } finally {
        await stop(server.process);
      }
    }
    return { series, sloth: figures.sloth, obsgen: figures.obsgen };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Spiky traffic, both period windows read from the real Prometheus: two hours alternating 10
 * quiet minutes at 50 % errors and 10 busy minutes at 1 % errors, backfilled; each side's 5m
 * recordings backfilled from it; then, over the last 100 minutes, obsgen's ratio of sums and
 * Sloth's average of 5m ratios against the true share of bad events.
 */
export async function spikyPeriodWindow(): Promise<{ truth: number; obsgen: number; sloth: number }> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-spiky-'));
  try {
    const end = Math.floor(Date.now() / 1000 / 60) * 60 - 60;
    const start = end - 2 * 3600;
    const lines = ['# TYPE http_request_duration_seconds_count counter'];
    const counts = { bad: 0, good: 0 };
    const window = { bad: 0, all: 0 };
    for (let t = start; t <= end; t += 60) {
      const minute = (t - start) / 60;
      const quiet = Math.floor(minute / 10) % 2 === 0;
      const bad = quiet ? 50 : 100;
      const good = quiet ? 50 : 9900;
      if (t > start) {
        counts.bad += bad;
        counts.good += good;
        if (t > end - 6000) {
          window.bad += bad;
          window.all += bad + good;
        }
      }
      lines.push(
        `http_request_duration_seconds_count{job="myservice",code="500"} ${counts.bad} ${t}`,
        `http_request_duration_seconds_count{job="myservice",code="200"} ${counts.good} ${t}`,
      );
    }
    const series500 = lines.filter((l) => l.includes('code="500"'));
    const series200 = lines.filter((l) => l.includes('code="200"'));
    writeFileSync(path.join(scratch, 'spiky.om'), `${[lines[0], ...series500, ...series200].join('\n')}\n# EOF\n`);
    const backfill = spawnSync(
      tool('promtool'),
      ['tsdb', 'create-blocks-from', 'openmetrics', path.join(scratch, 'spiky.om'), path.join(scratch, 'data')],
      { encoding: 'utf8' },
    );
    if (backfill.status !== 0) throw new Error(backfill.stderr);
    writeFileSync(path.join(scratch, 'empty.yml'), '{}');
    const { sloth, obsgen } = ruleFiles();
    const reader = await startPrometheus(path.join(scratch, 'data'), path.join(scratch, 'empty.yml'));
    const staged = {
      groups: [
        {
          name: 'backfill',
          rules: [
            ...obsgen.groups[0]!.rules.filter(
              (r) => r.record === 'slo:sli_error_events:rate5m' || r.record === 'slo:sli_total_events:rate5m',
            ),
            ...sloth.groups[0]!.rules.filter((r) => r.record === 'slo:sli_error:ratio_rate5m'),
          ],
        },
      ],
    };
    writeFileSync(path.join(scratch, 'backfill.yml'), stringify(staged));
    const filled = spawnSync(
      tool('promtool'),
      [
        'tsdb',
        'create-blocks-from',
        'rules',
        `--start=${start + 300}`,
        `--end=${end}`,
        `--url=${reader.base}`,
        '--eval-interval=1m',
        `--output-dir=${path.join(scratch, 'recorded')}`,
        '--quiet',
        path.join(scratch, 'backfill.yml'),
      ],
      { encoding: 'utf8' },
    );
    if (filled.status !== 0) throw new Error(filled.stderr);
    await stop(reader.process);
    cpSync(path.join(scratch, 'recorded'), path.join(scratch, 'data'), { recursive: true });
    const server = await startPrometheus(path.join(scratch, 'data'), path.join(scratch, 'empty.yml'));
    try {
      const value = async (query: string): Promise<number> => {
        const body = (await (
          await fetch(`${server.api}/query?query=${encodeURIComponent(query)}&time=${end}`)
        ).json()) as { data: { result: { value: [number, string] }[] } };
        return Number(body.data.result[0]?.value[1] ?? Number.NaN);
      };
      return {
        truth: window.bad / window.all,
        obsgen: await value(
          'sum(sum_over_time(slo:sli_error_events:rate5m[100m])) / sum(sum_over_time(slo:sli_total_events:rate5m[100m]))',
        ),
        sloth: await value('avg(avg_over_time(slo:sli_error:ratio_rate5m[100m]))'),
      };
    } finally {
      await stop(server.process);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ spiky: await spikyPeriodWindow(), rules: await benchSloRules() }, null, 2));
}
