import type { System } from '../model/system.ts';

const PROMETHEUS_EXPORTERS = new Set(['prometheus', 'prometheusremotewrite']);

export interface CollectorPipeline {
  readonly receivers: readonly string[];
  readonly processors?: readonly string[];
  readonly exporters: readonly string[];
}

/** The collector's pipelines by id, in definition order. */
export function collectorPipelines(system: System): [string, CollectorPipeline][] {
  return Object.entries(system.collector?.spec.pipelines ?? {}).filter(
    (entry): entry is [string, CollectorPipeline] => entry[1] !== undefined,
  );
}

/** Metrics pipelines that export to Prometheus (scraped or remote-written). */
export function prometheusPipelines(system: System): string[] {
  return collectorPipelines(system)
    .filter(
      ([id, pipeline]) =>
        id.split('/')[0] === 'metrics' &&
        pipeline.exporters.some((e) => PROMETHEUS_EXPORTERS.has(e.split('/')[0] ?? e)),
    )
    .map(([id]) => id);
}
