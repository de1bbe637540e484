// AI Teams (docs/seeds/001-ai-teams.txt): OpenTelemetry instruments of the four FastAPI services, exported
// over OTLP to the collector and from there to Prometheus and Grafana Cloud Mimir. Keys are the
// Prometheus names; `otel` is the instrument name the services create, and the stored name is
// derived from it as the collector's Prometheus exporters do (unit suffix, `_total`).
// The document's own version is test/fixtures/seeds/ai-teams-as-written.ts.
import { bounded, catalog, counter, gauge, histogram, oneOf, unbounded, upDownCounter } from 'obsgen';

/**
 * Fix: the document keeps the SDK's default histogram buckets, which are millisecond-scaled
 * (0, 5, 10, 25 … 10000) while the unit is seconds, so every request lands in the first two.
 * These bounds include 2 s and 5 s, the latency SLO and the critical p95 threshold.
 */
const REQUEST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
const AI_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60];
const WORKFLOW_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600];

export const aiTeams = catalog('ai-teams', {
  // The collector's prometheus exporter is scraped every 15 s (the SDK exports every 10 s).
  scrapeInterval: '15s',
  // Two ECS tasks per service; service_name already tells the four services apart.
  instances: 2,
  // Grafana Cloud free tier: 10,000 active series (section 5.2).
  seriesBudget: 10_000,
  labels: {
    service_name: oneOf('api-gateway', 'workflow-agent', 'workflow-engine', 'workflow-scheduler'),
    endpoint: bounded(60, 'route templates after UUID and numeric-id normalisation (MetricsMiddleware)'),
    method: oneOf('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    status_code: bounded(15, 'status codes the services return: 2xx 201/204, 4xx 400-429, 5xx 500-504'),
    api_version: oneOf('v1', 'v2'),
    error_type: bounded(15, 'exception classes mapped to error categories by the middleware'),
    api_key_id: unbounded('one value per issued API key'),
    client_name: bounded(20, 'API clients onboarded'),
    success: oneOf('true', 'false'),
    user_segment: oneOf('free', 'team', 'enterprise'),
    user_id: unbounded('one value per user'),
    session_id: unbounded('one value per session'),
    activity_type: bounded(10, 'activity kinds the UI reports'),
    workflow_type: bounded(12, 'workflow templates'),
    complexity_level: oneOf('simple', 'complex'),
    outcome: oneOf('success', 'failure'),
    error_category: oneOf('validation', 'node_error', 'timeout', 'ai_provider', 'internal'),
    model: bounded(8, 'models enabled in the AI gateway configuration'),
    provider: oneOf('openai', 'anthropic', 'bedrock'),
    environment: oneOf('dev', 'staging', 'prod'),
    token_type: oneOf('input', 'output'),
    ai_error_type: oneOf('rate_limit', 'timeout', 'content_filter', 'invalid_request', 'server_error'),
    tracking_id: unbounded('one OpenTelemetry trace id per request'),
  },
  metrics: {
    // HTTP infrastructure metrics (section 3.3).
    request_count_total: counter({
      otel: 'request_count',
      help: 'HTTP requests handled.',
      labels: ['service_name', 'endpoint', 'method', 'status_code', 'api_version'],
      combinations: {
        max: 300,
        why: 'each of the 60 endpoints belongs to one service, answers 1-2 methods and ~3 status codes; api_version follows from the path',
      },
      // The CloudWatch path for AWS alarms: per service, and per service and status code.
      cloudwatch: { namespace: 'AITeams', dimensions: [['service_name'], ['service_name', 'status_code']] },
      allow: [
        {
          rule: 'cardinality/metric-budget',
          reason:
            'The RED request counter: endpoint × status is the breakdown the Service Health dashboard and the error SLO need.',
        },
      ],
    }),
    request_duration_seconds: histogram({
      otel: 'request_duration',
      help: 'HTTP request duration.',
      unit: 'seconds',
      labels: ['service_name', 'endpoint', 'method'],
      buckets: REQUEST_BUCKETS,
      combinations: { max: 90, why: 'each endpoint belongs to one service and answers 1-2 methods' },
      cloudwatch: { namespace: 'AITeams', dimensions: [['service_name']] },
    }),
    // Fix: endpoint and method are dropped at the collector; the per-endpoint error breakdown is
    // request_count_total{status_code=~"5.."}, and keeping them here would double the HTTP series.
    request_errors_total: counter({
      otel: 'request_errors',
      help: 'HTTP request errors, by error type.',
      labels: ['service_name', 'endpoint', 'method', 'error_type', 'status_code'],
      drop: { endpoint: 'collector', method: 'collector' },
      combinations: {
        max: 60,
        why: 'an error type maps to one status code, and each service raises only its own ~15 types',
      },
    }),
    active_requests: upDownCounter({
      otel: 'active_requests',
      help: 'Requests in flight.',
      labels: ['service_name', 'endpoint'],
      combinations: { max: 60, why: 'each endpoint belongs to one service' },
    }),

    // Business metrics.
    // Fix: api_key_id (unbounded) and endpoint are dropped at the collector; client_name carries
    // usage per client and key-level detail stays in the logs. Keys are checked at the gateway only.
    api_key_usage_total: counter({
      otel: 'api_key_usage',
      help: 'API key uses, by client and outcome.',
      labels: ['api_key_id', 'client_name', 'service_name', 'endpoint', 'success'],
      drop: { api_key_id: 'collector', endpoint: 'collector' },
      combinations: { max: 40, why: 'keys are verified by the api-gateway only: 20 clients × 2 outcomes' },
    }),
    endpoint_usage_total: counter({
      otel: 'endpoint_usage',
      help: 'Endpoint calls, by user segment.',
      labels: ['service_name', 'endpoint', 'api_version', 'user_segment'],
      combinations: { max: 180, why: 'service and api_version follow from the endpoint: 60 endpoints × 3 segments' },
      allow: [
        {
          rule: 'cardinality/metric-budget',
          reason: 'Endpoint popularity per user segment is the purpose of this business metric (360 series).',
        },
      ],
    }),
    // Fix: user_id and session_id are unbounded; dropped at the collector (they stay on spans and logs).
    user_activity_total: counter({
      otel: 'user_activity',
      help: 'User activity events.',
      labels: ['user_id', 'activity_type', 'service_name', 'session_id'],
      drop: { user_id: 'collector', session_id: 'collector' },
    }),
    // Fix: the document models a success rate as a histogram; a rate is derived from counts.
    // This counter by outcome gives the workflow success SLI (95 % simple, 85 % complex).
    workflow_executions_total: counter({
      otel: 'workflow_executions',
      help: 'Workflow executions finished, by outcome.',
      labels: ['workflow_type', 'complexity_level', 'outcome'],
    }),
    workflow_failures_total: counter({
      otel: 'workflow_failures',
      help: 'Workflow failures, by error category.',
      labels: ['workflow_type', 'error_category'],
    }),
    workflow_execution_duration_seconds: histogram({
      otel: 'workflow_execution_duration',
      help: 'End-to-end workflow execution time.',
      unit: 'seconds',
      labels: ['workflow_type', 'complexity_level'],
      buckets: WORKFLOW_BUCKETS,
    }),

    // AI metrics. Fix: tracking_id (one trace id per request) is dropped at the collector on all
    // three; the trace itself carries it.
    ai_requests_total: counter({
      otel: 'ai_requests',
      help: 'AI model requests.',
      labels: ['model', 'provider', 'environment', 'tracking_id'],
      drop: { tracking_id: 'collector' },
      combinations: { max: 24, why: 'each model is served by one provider: 8 models × 3 environments' },
    }),
    ai_tokens_total: counter({
      otel: 'ai_tokens',
      help: 'AI tokens consumed, input and output.',
      labels: ['model', 'token_type', 'environment', 'tracking_id'],
      drop: { tracking_id: 'collector' },
    }),
    // The unit goes into the name: the document's ai_cost_total does not say it is USD.
    ai_cost_dollars_total: counter({
      otel: 'ai_cost',
      help: 'AI spend in US dollars.',
      unit: 'dollars',
      labels: ['model', 'environment', 'tracking_id'],
      drop: { tracking_id: 'collector' },
    }),
    ai_model_duration_seconds: histogram({
      otel: 'ai_model_duration',
      help: 'AI model response time.',
      unit: 'seconds',
      labels: ['model', 'provider'],
      buckets: AI_BUCKETS,
      combinations: { max: 8, why: 'each model is served by one provider' },
    }),
    ai_errors_total: counter({
      otel: 'ai_errors',
      help: 'AI API failures, by error type.',
      labels: ['model', 'provider', 'ai_error_type'],
      combinations: { max: 40, why: 'each model is served by one provider: 8 models × 5 error types' },
    }),

    // Resource utilisation: the standard process metrics of the Python runtime instrumentation.
    // Fix: the document's process_memory_bytes is not a standard name; resident memory is.
    process_cpu_seconds_total: counter({
      help: 'CPU time consumed by the service process.',
      unit: 'seconds',
      labels: ['service_name'],
    }),
    process_resident_memory_bytes: gauge({
      help: 'Resident memory of the service process.',
      unit: 'bytes',
      labels: ['service_name'],
    }),
  },
});
