// Checked by tsc (test/typecheck.test.ts): a pipeline may reference only defined components.
import { collector } from 'obsgen';

export const ok = collector({
  receivers: { otlp: { protocols: { grpc: {} } } },
  processors: { batch: {} },
  exporters: { 'otlp/tempo': { endpoint: 'tempo:4317' } },
  pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['otlp/tempo'] } },
});

collector({
  receivers: { otlp: { protocols: { grpc: {} } } },
  exporters: { 'otlp/tempo': { endpoint: 'tempo:4317' } },
  // @ts-expect-error the jaeger exporter is not defined (and was removed from the collector)
  pipelines: { traces: { receivers: ['otlp'], exporters: ['jaeger'] } },
});

collector({
  receivers: { otlp: { protocols: { grpc: {} } } },
  exporters: { debug: {} },
  // @ts-expect-error a processor that is not defined
  pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['debug'] } },
});

collector({
  receivers: { otlp: { protocols: { grpc: {} } } },
  exporters: { debug: {} },
  // @ts-expect-error pipeline ids are traces, metrics or logs (optionally /name)
  pipelines: { spans: { receivers: ['otlp'], exporters: ['debug'] } },
});
