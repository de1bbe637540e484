// The OpenTelemetry Collector in front of Prometheus and Tempo.
import { collector } from 'obsgen';

export const shopCollector = collector({
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  processors: { memory_limiter: { check_interval: '1s', limit_mib: 512 }, batch: {} },
  exporters: { prometheus: { endpoint: '0.0.0.0:8889' }, 'otlp/tempo': { endpoint: '${env:TEMPO_ENDPOINT}' } },
  pipelines: {
    // obsgen adds the catalog's drops (trace_id) to this pipeline, before batch.
    metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheus'] },
    traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/tempo'] },
  },
});

collector({
  receivers: { otlp: {} },
  exporters: { debug: {} },
  pipelines: {
    // @ts-expect-error: a pipeline can only name components the collector defines
    traces: { receivers: ['otlp'], exporters: ['otlp/jaeger'] },
  },
});
