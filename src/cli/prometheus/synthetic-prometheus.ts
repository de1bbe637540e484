import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import { selectedLabelValues } from '../../live/selected-label-values.ts';
import { syntheticHistory, type SyntheticRange } from '../../live/synthetic-history.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { subexpressions, type Expr } from '../../promql/ast.ts';
import { selectedNames } from '../../promql/selected-names.ts';
import { queryText, toAst, type Query } from '../../promql/builder.ts';
import type { Metric, Selector } from '../../model/catalog.ts';
import { renderPromql } from '../../promql/render.ts';
import { tryParsePromql } from '../../promql/parse.ts';
import { freePort } from '../free-port.ts';
import { locateTool, missingToolMessage } from '../real-tools.ts';
import { scratchDirectory } from '../scratch-directory.ts';
import { PrometheusError } from './prometheus-client.ts';

/** Synthetic samples are a minute apart: rate() over 5m windows has five, and a day is ~2.7 M samples for definitions/. */
export const SYNTHETIC_STEP_SECONDS = 60;
/** The longest synthetic history a run generates (a week is ~19 M samples for definitions/). */
export const SYNTHETIC_MAX_RANGE_SECONDS = 2 * 86_400;

/** A local Prometheus on synthetic history: its URL and the range it holds. */
export interface SyntheticPrometheus {
  readonly url: string;
  readonly range: SyntheticRange;
}

/**
 * Runs `use` against Debian's Prometheus started on loopback for this run, holding history
 * generated from the systems' catalogs (src/live/synthetic-history.ts: daily pattern, planted
 * incidents) over the last `rangeSeconds` (at most two days), backfilled with promtool; stopped
 * and removed afterwards, however `use` ends. A missing tool or a server that does not start is a
 * PrometheusError (exit 2, one line).
 */
export async function withSyntheticPrometheus<T>(
  systems: readonly ValidSystem[],
  rangeSeconds: number,
  use: (prometheus: SyntheticPrometheus) => Promise<T>,
  /** The bench's longer, sparser history (`npm run bench` backtests a week); users get the defaults. */
  density: { readonly stepSeconds: number; readonly maxRangeSeconds: number } = {
    stepSeconds: SYNTHETIC_STEP_SECONDS,
    maxRangeSeconds: SYNTHETIC_MAX_RANGE_SECONDS,
  },
): Promise<T> {
  const promtool = locateTool('promtool');
  const binary = locateTool('prometheus');
  if (promtool === undefined) throw new PrometheusError(missingToolMessage('promtool'));
  if (binary === undefined) throw new PrometheusError(missingToolMessage('prometheus'));
  const end = Math.floor(Date.now() / 1000 / density.stepSeconds) * density.stepSeconds;
  const range: SyntheticRange = {
    start: end - Math.min(rangeSeconds, density.maxRangeSeconds),
    end,
    stepSeconds: density.stepSeconds,
  };
  const directory = mkdtempSync(path.join(scratchDirectory(), 'obsgen-synthetic-'));
  try {
    const selected = selectedLabelValues(systems.flatMap(queriesOf));
    const thresholds = gaugeThresholds(systems);
    // One system at a time (Prometheus reads overlapping blocks): no history of every system held at once.
    for (const system of systems) {
      const history = path.join(directory, `${system.name.replace(/[^A-Za-z0-9_-]/g, '_')}.om`);
      writeFileSync(history, syntheticHistory([system.catalog], range, selected, thresholds));
      const backfill = spawnSync(
        promtool,
        // Day-long blocks: the default two hours would make a week 84 blocks a system to open and merge.
        [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          '--max-block-duration=24h',
          history,
          path.join(directory, 'data'),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (backfill.status !== 0)
        throw new PrometheusError(
          `promtool could not backfill the synthetic history: ${backfill.stderr.trim().split('\n')[0]}`,
        );
      rmSync(history);
    }
    writeFileSync(path.join(directory, 'prometheus.yml'), '{}\n');
    const port = await freePort();
    const server = spawn(
      binary,
      [
        `--config.file=${path.join(directory, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(directory, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=30d',
        '--log.level=error',
      ],
      { stdio: 'ignore' },
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      await ready(url);
      return await use({ url, range });
    } finally {
      server.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) resolve();
        else server.once('exit', () => resolve());
      });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Every query the system's rules (its SLOs' included) and dashboards run: the label values they select. */
function queriesOf(system: ValidSystem): Expr[] {
  const texts: string[] = [];
  for (const group of expandSlos(system).system.ruleGroups)
    for (const rule of group.rules) texts.push(queryText(rule.expr));
  for (const dashboard of system.dashboards)
    for (const row of dashboard.spec.rows)
      for (const panel of row.panels)
        for (const { query } of panel.targets)
          if (typeof query === 'string') texts.push(query);
          else if ('ast' in query) texts.push(queryText(query as Query));
          else if (!('cloudwatch' in query)) texts.push(renderPromql(toAst(query as Metric | Selector)));
  return texts.flatMap((text) => tryParsePromql(text) ?? []);
}

/** Per metric: the highest number an alert's `<metric expression> > n` compares it with. */
function gaugeThresholds(systems: readonly ValidSystem[]): Map<string, number> {
  const thresholds = new Map<string, number>();
  const visit = (node: Expr): void => {
    if (node.type === 'binary' && (node.op === '>' || node.op === '>=') && node.rhs.type === 'number')
      for (const name of selectedNames(node.lhs))
        thresholds.set(name, Math.max(thresholds.get(name) ?? -Infinity, node.rhs.value));
    for (const inner of subexpressions(node)) visit(inner);
  };
  for (const system of systems)
    for (const group of expandSlos(system).system.ruleGroups)
      for (const rule of group.rules)
        if (rule.kind === 'alert') visit(tryParsePromql(queryText(rule.expr)) ?? { type: 'number', value: 0 });
  return thresholds;
}

async function ready(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new PrometheusError('the local Prometheus for the synthetic history did not start within 60 s');
}
