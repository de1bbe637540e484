// SecFlow (seed 000): "All traces are exported through OTLP gRPC to the observability backend
// (e.g., Tempo, Jaeger)", with field redaction of password, token and secret. Metrics are scraped
// from /metrics by Prometheus directly, so no metrics pipeline here.
import { collector } from 'obsgen';

export const secflowCollector = collector({
  extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  processors: {
    memory_limiter: { check_interval: '1s', limit_mib: 256 },
    // The document's sanitize(): values of password/token/secret keys become [REDACTED]-style masks.
    'redaction/secrets': {
      allow_all_keys: true,
      blocked_key_patterns: ['(?i).*(password|passwd|token|secret).*'],
      summary: 'info',
    },
    batch: {},
  },
  exporters: { 'otlp/tempo': { endpoint: '${env:SECFLOW_TRACES_ENDPOINT}', tls: { insecure: false } } },
  pipelines: {
    traces: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'redaction/secrets', 'batch'],
      exporters: ['otlp/tempo'],
    },
  },
  enable: ['health_check'],
});
