// AI Teams' collector (seed 001, "OpenTelemetry Collector Integration"), modernised; the
// document's version is test/fixtures/seeds/ai-teams-collector-as-written.yaml.
import { collector } from 'obsgen';

/** Values that must not leave the services: e-mail addresses, phone numbers, US SSNs. */
const PII = [
  '[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}',
  '\\+?[0-9][0-9 ().-]{7,}[0-9]',
  '[0-9]{3}-[0-9]{2}-[0-9]{4}',
];
const CREDENTIAL_KEYS =
  'delete_matching_keys(attributes, "(?i).*(password|passwd|secret|token|api[_-]?key|authorization).*")';

export const aiTeamsCollector = collector({
  extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
  receivers: {
    otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
  },
  processors: {
    // Fix: the document's memory_limiter has no check_interval, which the collector requires.
    memory_limiter: { check_interval: '1s', limit_mib: 512, spike_limit_mib: 128 },
    // Fix: ${ENVIRONMENT} becomes ${env:ENVIRONMENT}.
    resource: {
      attributes: [
        { key: 'deployment.environment', value: '${env:ENVIRONMENT}', action: 'upsert' },
        { key: 'project', value: 'starmates-ai-team', action: 'upsert' },
      ],
    },
    // Roadmap: PII scrubbing on spans and logs — credentials by key, personal data by value.
    'transform/credentials': {
      error_mode: 'ignore',
      trace_statements: [{ context: 'span', statements: [CREDENTIAL_KEYS] }],
      log_statements: [{ context: 'log', statements: [CREDENTIAL_KEYS] }],
    },
    'redaction/pii': { allow_all_keys: true, blocked_values: PII, summary: 'info' },
    // Roadmap: tail sampling — every error and every trace slower than 2 s, 10 % of the rest.
    tail_sampling: {
      decision_wait: '10s',
      policies: [
        { name: 'errors', type: 'status_code', status_code: { status_codes: ['ERROR'] } },
        { name: 'slow', type: 'latency', latency: { threshold_ms: 2000 } },
        { name: 'the-rest', type: 'probabilistic', probabilistic: { sampling_percentage: 10 } },
      ],
    },
    batch: { timeout: '1s' },
  },
  exporters: {
    // Fix: the jaeger exporter was removed in v0.85; Jaeger takes OTLP on 4317.
    'otlp/jaeger': { endpoint: 'jaeger:4317', tls: { insecure: true } },
    // Fix: the document serves on 8888, where the collector serves its own metrics.
    prometheus: {
      endpoint: '0.0.0.0:8889',
      const_labels: { environment: '${env:ENVIRONMENT}', project: 'starmates-ai-team' },
    },
    'prometheusremotewrite/grafana-cloud': {
      endpoint: '${env:GRAFANA_CLOUD_PROMETHEUS_URL}',
      headers: { authorization: 'Bearer ${env:GRAFANA_CLOUD_TENANT_ID}:${env:GRAFANA_CLOUD_API_KEY}' },
      external_labels: { environment: '${env:ENVIRONMENT}', project: 'starmates-ai-team' },
    },
    // Fix: the loki exporter was removed; Grafana Cloud Loki takes OTLP over HTTP.
    'otlphttp/grafana-cloud-logs': {
      endpoint: '${env:GRAFANA_CLOUD_LOKI_OTLP_URL}',
      headers: { authorization: 'Bearer ${env:GRAFANA_CLOUD_TENANT_ID}:${env:GRAFANA_CLOUD_API_KEY}' },
    },
    // The CloudWatch path for AWS alarms: EMF with the catalog's dimension sets (added by obsgen).
    'awsemf/cloudwatch': {
      namespace: 'AITeams',
      region: '${env:AWS_REGION}',
      log_group_name: '/aws/otel/ai-teams',
      dimension_rollup_option: 'NoDimensionRollup',
    },
  },
  pipelines: {
    traces: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource', 'transform/credentials', 'redaction/pii', 'tail_sampling', 'batch'],
      exporters: ['otlp/jaeger'],
    },
    metrics: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource', 'batch'],
      exporters: ['prometheus', 'prometheusremotewrite/grafana-cloud'],
    },
    'metrics/cloudwatch': {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource', 'batch'],
      exporters: ['awsemf/cloudwatch'],
    },
    logs: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource', 'transform/credentials', 'redaction/pii', 'batch'],
      exporters: ['otlphttp/grafana-cloud-logs'],
    },
  },
  enable: ['health_check'],
});
