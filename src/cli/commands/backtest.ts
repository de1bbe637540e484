import type { CommonOptions } from '../common-options.ts';
import { spanText } from '../../text/span-text.ts';
import type { AlertBacktest, SloBacktest } from '../../live/backtest-results.ts';
import { backtestSystems } from '../prometheus/alert-backtest.ts';
import { loadDefinitions } from '../load-definitions.ts';
import { admittedSystems, rangeSeconds, systemsNamed, tallyText, withLiveReading } from '../prometheus/live-reading.ts';
import { receiverPages, type ReceiverPagesReport } from '../prometheus/receiver-pages.ts';
import { SYNTHETIC_MAX_RANGE_SECONDS } from '../prometheus/synthetic-prometheus.ts';

/**
 * `obsgen backtest --prometheus <url> [--range 7d]`: every alert (its SLOs' included) evaluated
 * over the range as the rule manager would (src/cli/prometheus/alert-backtest.ts): firing
 * episodes, time firing, episodes a week, flapping, the delay `for` adds; and each SLO's budget.
 */
export async function backtestCommand(options: CommonOptions): Promise<number> {
  return withLiveReading(
    options.live,
    'backtest',
    async (reading, { definitions, systems, requested }) => {
      // Synthetic history is shorter than a production range: the backtest covers what it holds.
      const range = reading.synthetic ? Math.min(requested, SYNTHETIC_MAX_RANGE_SECONDS) : requested;
      const { alerts: results, slos } = await backtestSystems(reading, systems, range, { slos: true });
      const simulated =
        definitions.alertmanager === undefined
          ? undefined
          : receiverPages(definitions.alertmanager, systems, results, {
              start: reading.time - range,
              end: reading.time,
            });
      const pages =
        simulated === undefined || options.system === undefined
          ? simulated
          : { ...simulated, notes: [...simulated.notes, `only ${options.system}'s alerts are counted (--system)`] };
      process.stdout.write(
        options.format === 'json'
          ? `${JSON.stringify({ synthetic: reading.synthetic, alerts: results, slos, ...(pages === undefined ? {} : { receivers: pages }) }, null, 2)}\n`
          : text(results, slos, pages, range, reading.synthetic),
      );
      process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
      return 0;
    },
    {
      load: async () => {
        const requested = rangeSeconds(options.live);
        const definitions = await loadDefinitions(options.definitions);
        const systems = admittedSystems(systemsNamed(definitions, options.system, options.definitions));
        return { definitions, systems, requested };
      },
      synthetic: ({ systems, requested }) => ({ systems, rangeSeconds: requested }),
    },
  );
}

function text(
  results: readonly AlertBacktest[],
  slos: readonly SloBacktest[],
  pages: ReceiverPagesReport | undefined,
  rangeSeconds: number,
  synthetic: boolean,
): string {
  const lines = [
    ...(synthetic
      ? ['SYNTHETIC: history generated from the catalogs (a daily pattern, two planted incidents), not production.', '']
      : []),
    `Alerts over the last ${spanText(rangeSeconds)}, evaluated as the rule manager would:`,
    '',
  ];
  for (const { system, alert, severity, summary, computed, notEvaluated } of results)
    lines.push(
      notEvaluated !== undefined
        ? `${system}/${alert} (${severity}): not backtested: ${notEvaluated}`
        : `${system}/${alert} (${severity}): ${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, ${summary.perWeek.toFixed(1)} a week, firing ${spanText(summary.firingSeconds)}` +
            (summary.flapping > 0 ? `, ${summary.flapping} flapping` : '') +
            (summary.medianDelaySeconds === undefined
              ? ''
              : `, fires ${spanText(summary.medianDelaySeconds)} after the condition holds`) +
            (computed.length === 0 ? '' : ` (computed from raw series: ${computed.join(', ')})`),
    );
  if (pages !== undefined) {
    lines.push(
      '',
      `Pages per receiver over the same ${spanText(rangeSeconds)}, through the generated routing (grouping, timers, inhibitions):`,
      '',
    );
    for (const receiver of pages.receivers)
      lines.push(
        `${receiver.receiver}: ${receiver.pages} page${receiver.pages === 1 ? '' : 's'} (${receiver.perWeek.toFixed(1)} a week)` +
          (receiver.repeats > 0 ? `, ${receiver.repeats} repeat${receiver.repeats === 1 ? '' : 's'}` : '') +
          (receiver.inhibitedSeconds > 0 ? `, inhibitions muted ${spanText(receiver.inhibitedSeconds)} of firing` : ''),
      );
    for (const note of pages.notes) lines.push(`(${note})`);
  }
  if (slos.length > 0) lines.push('', `SLOs over the same ${spanText(rangeSeconds)}:`, '');
  const percent = (value: number) => `${(value * 100).toPrecision(3)} %`;
  for (const slo of slos)
    lines.push(
      `${slo.system}/${slo.slo}${slo.tier === undefined ? '' : ` {${slo.tier}}`} (objective ${percent(slo.objective)}): ` +
        (slo.errorRatio === null || slo.burnRate === null || slo.periodBudgetSpent === null
          ? 'no events in the range'
          : `${percent(slo.errorRatio)} of events bad, burn rate ${slo.burnRate.toFixed(2)}, ${percent(slo.periodBudgetSpent)} of the period's error budget spent`),
    );
  return `${lines.join('\n')}\n`;
}
