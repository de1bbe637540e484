import { collectorPipelines, prometheusPipelines } from '../../otel/collector-pipelines.ts';
import type { System } from '../../model/system.ts';
import type { YamlValue } from '../yaml-emitter.ts';

/** The processor obsgen adds for the catalog's label drops. */
const DROP_PROCESSOR = 'transform/obsgen-drop-labels';

/** OTTL statements deleting each dropped label from its metric's data points. */
function dropStatements(system: System): string[] {
  return system.catalog.metricList.flatMap((metric) =>
    Object.entries(metric.spec.drop)
      .filter(([, stage]) => stage === 'collector')
      .map(
        ([label]) =>
          `delete_key(attributes, ${JSON.stringify(label)}) where metric.name == ${JSON.stringify(metric.otelName ?? metric.name)}`,
      ),
  );
}

/** awsemf metric declarations from the catalog's CloudWatch exports: one per dimension-set list. */
function emfDeclarations(system: System): YamlValue[] {
  const byDimensions = new Map<string, { dimensions: string[][]; metrics: string[] }>();
  for (const metric of system.catalog.metricList) {
    const export_ = metric.spec.cloudwatch;
    if (export_ === undefined) continue;
    const dimensions = export_.dimensions.map((set) => [...set]);
    const key = JSON.stringify(dimensions);
    const entry = byDimensions.get(key) ?? { dimensions, metrics: [] };
    entry.metrics.push(`^${(metric.otelName ?? metric.name).replace(/[.^$*+?()[\]{}|\\]/g, '\\$&')}$`);
    byDimensions.set(key, entry);
  }
  return [...byDimensions.values()].map((d) => ({ dimensions: d.dimensions, metric_name_selectors: d.metrics }));
}

/**
 * The configuration written for the system: its own components, plus the drop processor on
 * every metrics pipeline that feeds Prometheus (after memory_limiter, before batch), and the
 * catalog's CloudWatch dimension sets on awsemf exporters that declare none.
 */
export function collectorConfig(system: System): Record<string, YamlValue> | undefined {
  const spec = system.collector?.spec;
  if (spec === undefined) return undefined;
  const statements = dropStatements(system);
  const dropping = statements.length > 0 ? new Set(prometheusPipelines(system)) : new Set<string>();
  const processors: Record<string, YamlValue> = { ...(spec.processors as Record<string, YamlValue> | undefined) };
  if (dropping.size > 0)
    processors[DROP_PROCESSOR] = { error_mode: 'ignore', metric_statements: [{ context: 'datapoint', statements }] };
  const pipelines: Record<string, YamlValue> = {};
  for (const [id, pipeline] of collectorPipelines(system)) {
    let chain = [...(pipeline.processors ?? [])];
    if (dropping.has(id)) {
      const batch = chain.findIndex((p) => p.split('/')[0] === 'batch');
      chain =
        batch < 0 ? [...chain, DROP_PROCESSOR] : [...chain.slice(0, batch), DROP_PROCESSOR, ...chain.slice(batch)];
    }
    pipelines[id] = {
      receivers: [...pipeline.receivers],
      ...(chain.length === 0 ? {} : { processors: chain }),
      exporters: [...pipeline.exporters],
    };
  }
  const section = (value: unknown): YamlValue | undefined => (value === undefined ? undefined : (value as YamlValue));
  const declarations = emfDeclarations(system);
  const exporters: Record<string, YamlValue> = {};
  for (const [id, config] of Object.entries(spec.exporters as Record<string, Record<string, YamlValue>>)) {
    const isEmf = id.split('/')[0] === 'awsemf';
    exporters[id] =
      isEmf && config.metric_declarations === undefined && declarations.length > 0
        ? { ...config, metric_declarations: declarations }
        : config;
  }
  return {
    ...(spec.extensions === undefined ? {} : { extensions: section(spec.extensions)! }),
    receivers: section(spec.receivers)!,
    ...(Object.keys(processors).length === 0 ? {} : { processors }),
    exporters,
    ...(spec.connectors === undefined ? {} : { connectors: section(spec.connectors)! }),
    service: {
      ...(spec.enable === undefined ? {} : { extensions: [...spec.enable] }),
      ...(spec.telemetry === undefined ? {} : { telemetry: section(spec.telemetry)! }),
      pipelines,
    },
  };
}
