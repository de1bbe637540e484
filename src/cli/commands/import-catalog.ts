import { existsSync } from 'node:fs';
import path from 'node:path';
import { catalogFromLive } from '../../live/catalog-from-live.ts';
import type { LiveSnapshot } from '../../live/live-snapshot.ts';
import type { CommonOptions } from '../common-options.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import { DefinitionsLoadError } from '../load-definitions.ts';
import { liveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { measureLive } from '../prometheus/measure-live.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';
import { importAndBuild } from './import.ts';

/**
 * `obsgen import catalog --prometheus <url> [--match <selector>] [--system <name>] [<file>]`: a
 * typed catalog module measured from a live Prometheus, built twice like every import (what the
 * first build finds on a metric becomes an allow entry with the reason), so it builds green.
 */
export async function importCatalogCommand(options: CommonOptions): Promise<number> {
  const system = options.system ?? 'imported';
  if (!/^[a-z][a-z0-9-]*$/.test(system)) {
    process.stderr.write(`obsgen: --system ${system} is not a system name (lower-case words joined by hyphens)\n`);
    return 2;
  }
  const target = options.positionals[1] ?? path.join('definitions', 'imported', `${system}.ts`);
  if (existsSync(target)) {
    process.stderr.write(`obsgen: ${target} exists; import writes a new file (pass another path)\n`);
    return 2;
  }
  let reading: LiveReading | undefined;
  try {
    reading = liveReading(options.live, 'import catalog');
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
      `wrote ${target}: ${written.written} metrics measured from ${reading.source} (${reading.client.tally.requests} requests, ${(reading.client.tally.bytes / 1024).toFixed(0)} KiB), ${written.guesses} guesses marked "review:", ${allowed} findings accepted as allow entries\n` +
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
  } catch (error) {
    if (error instanceof PrometheusError || error instanceof DefinitionsLoadError) {
      process.stderr.write(`obsgen: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    reading?.client.close();
  }
}
