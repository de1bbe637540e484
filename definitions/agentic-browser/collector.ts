// Agentic browser (seed 004): PII masking, and meta-monitoring of the collector itself (its own
// metrics scraped and remote-written next to the agent's).
import { collector } from 'obsgen';

export const agenticCollector = collector({
  receivers: {
    otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } },
    'prometheus/self': {
      config: {
        scrape_configs: [
          { job_name: 'otel-collector', scrape_interval: '15s', static_configs: [{ targets: ['127.0.0.1:8888'] }] },
        ],
      },
    },
  },
  processors: {
    memory_limiter: { check_interval: '1s', limit_mib: 512 },
    // "PII data masking": e-mail addresses, phone numbers and card numbers in span and log values.
    'redaction/pii': {
      allow_all_keys: true,
      blocked_values: [
        '[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}',
        '\\+?[0-9][0-9 ().-]{7,}[0-9]',
        '(?:[0-9]{4}[ -]?){3}[0-9]{4}',
      ],
      summary: 'info',
    },
    batch: {},
  },
  exporters: {
    'otlp/tempo': { endpoint: '${env:TEMPO_OTLP_ENDPOINT}' },
    'prometheusremotewrite/meta': { endpoint: '${env:PROMETHEUS_REMOTE_WRITE_URL}' },
  },
  pipelines: {
    traces: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'redaction/pii', 'batch'],
      exporters: ['otlp/tempo'],
    },
    'metrics/self': {
      receivers: ['prometheus/self'],
      processors: ['memory_limiter', 'batch'],
      exporters: ['prometheusremotewrite/meta'],
    },
  },
  telemetry: { metrics: { level: 'detailed', address: '0.0.0.0:8888' } },
});
