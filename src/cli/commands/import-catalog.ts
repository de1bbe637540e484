import { catalogFromLive } from '../../live/catalog-from-live.ts';
import type { LiveSnapshot } from '../../live/live-snapshot.ts';
import type { CommonOptions } from '../common-options.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import { tallyText, withLiveReading } from '../prometheus/live-reading.ts';
import { measureLive } from '../prometheus/measure-live.ts';
import { importAndBuild, importTarget } from './import.ts';

/**
 * `obsgen import catalog --prometheus <url> [--match <selector>] [--system <name>] [<file>]`: a
 * typed catalog module measured from a live Prometheus, built twice like every import (what the
 * first build finds on a metric becomes an allow entry with the reason), so it builds green.
 */
export async function importCatalogCommand(options: CommonOptions): Promise<number> {
  const system = options.system ?? 'imported';
  const target = importTarget(system, options.positionals[1]);
  if (target === undefined) return 2;
  return withLiveReading(options.live, 'import catalog', async (reading) => {
    const snapshot: LiveSnapshot = await measureLive(reading.client, {
      selector: reading.selector,
      time: reading.time,
      windowSeconds: reading.windowSeconds,
      families: undefined,
      source: reading.source,
      targetLabels: [],
    });
    let written = catalogFromLive(snapshot, system, new Map());
    const { findings, allowed } = await importAndBuild((allows) => {
      written = catalogFromLive(snapshot, system, allows);
      return { source: written.source, guesses: written.guesses, escapeHatches: 0, typedQueries: 0, lost: [] };
    }, target);
    process.stdout.write(
      `wrote ${target}: ${written.written} metrics measured from ${reading.source} (${tallyText(reading)}), ${written.guesses} guesses marked "review:", ${allowed} findings accepted as allow entries\n` +
        (written.leftOut.length === 0
          ? ''
          : `left out (${written.leftOut.length}):\n${written.leftOut.map((line) => `  ${line}`).join('\n')}\n`),
    );
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      process.stdout.write(options.format === 'json' ? findingsJson(errors) : findingsText(errors));
      return 1;
    }
    return 0;
  });
}
