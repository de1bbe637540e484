import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, mapOf, objectOf, optional, param, required } from './input/shape.ts';

/** A component's configuration, as the collector's YAML has it. */
export type ComponentConfig = { readonly [key: string]: unknown };

type PipelineId = `${'traces' | 'metrics' | 'logs'}${'' | `/${string}`}`;

export interface PipelineSpec<R extends string, P extends string, E extends string> {
  readonly receivers: readonly R[];
  readonly processors?: readonly P[];
  readonly exporters: readonly E[];
}

export interface CollectorSpec<
  R extends string,
  P extends string,
  E extends string,
  X extends string,
  C extends string,
> {
  readonly receivers: { readonly [K in R]: ComponentConfig };
  readonly processors?: { readonly [K in P]: ComponentConfig };
  readonly exporters: { readonly [K in E]: ComponentConfig };
  readonly extensions?: { readonly [K in X]: ComponentConfig };
  readonly connectors?: { readonly [K in C]: ComponentConfig };
  /** Pipelines may reference only the components defined above (connectors on either side). */
  readonly pipelines: { readonly [K in PipelineId]?: PipelineSpec<NoInfer<R | C>, NoInfer<P>, NoInfer<E | C>> };
  /** Extensions to run (service.extensions). */
  readonly enable?: readonly NoInfer<X>[];
  /** service.telemetry: the collector's own logs and metrics. */
  readonly telemetry?: ComponentConfig;
  readonly allow?: readonly Allow[];
}

/** An OpenTelemetry Collector configuration of a system. */
export interface Collector {
  readonly spec: CollectorSpec<string, string, string, string, string>;
  readonly at: SourceLocation;
}

/**
 * Declares the system's collector. obsgen adds what the catalog implies (label drops as a
 * transform processor on the metrics pipelines that feed Prometheus) and validates the result
 * the way the collector does when it loads it.
 */
export function collector<
  const R extends string,
  const E extends string,
  const P extends string = never,
  const X extends string = never,
  const C extends string = never,
>(spec: CollectorSpec<R, P, E, X, C>): Collector {
  const at = captureLocation();
  return defined({ spec: spec as unknown as Collector['spec'], at }, SHAPE, [spec], at);
}

// Component configurations are the collector's own YAML, checked against its components' schemas (otel/).
const SHAPE = inputShape('collector', [
  param(
    'spec',
    objectOf<CollectorSpec<string, string, string, string, string>>('a collector', {
      receivers: required(mapOf()),
      processors: optional(mapOf()),
      exporters: required(mapOf()),
      extensions: optional(mapOf()),
      connectors: optional(mapOf()),
      pipelines: required(
        mapOf(
          objectOf<PipelineSpec<string, string, string>>('a pipeline', {
            receivers: required(),
            processors: optional(),
            exporters: required(),
          }),
        ),
      ),
      enable: optional(),
      telemetry: optional(),
      allow: ALLOW_LIST,
    }),
  ),
]);
