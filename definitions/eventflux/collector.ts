// EventFlux (seed 003): OpenTelemetry tracing with its standard attributes. Fix: the document's
// plan sends spans to a Jaeger agent; Jaeger takes OTLP, and the collector forwards it.
import { collector } from 'obsgen';

export const eventfluxCollector = collector({
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  processors: {
    memory_limiter: { check_interval: '1s', limit_mib: 512 },
    resource: {
      attributes: [
        { key: 'service.name', value: 'eventflux', action: 'upsert' },
        { key: 'service.version', value: '${env:EVENTFLUX_VERSION}', action: 'upsert' },
        { key: 'deployment.environment', value: '${env:DEPLOYMENT_ENVIRONMENT}', action: 'upsert' },
      ],
    },
    batch: {},
  },
  exporters: { 'otlp/jaeger': { endpoint: '${env:JAEGER_OTLP_ENDPOINT}', tls: { insecure: true } } },
  pipelines: {
    traces: { receivers: ['otlp'], processors: ['memory_limiter', 'resource', 'batch'], exporters: ['otlp/jaeger'] },
  },
});
