// Penguiflow (seed 002): "Sampling Strategies: configurable sampling to balance insight with
// overhead" and AWS CloudWatch logs.
import { collector } from 'obsgen';

export const penguiflowCollector = collector({
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
  processors: {
    memory_limiter: { check_interval: '1s', limit_mib: 512 },
    // Every failed flow and every flow slower than 30 s, a quarter of the rest.
    tail_sampling: {
      decision_wait: '30s',
      policies: [
        { name: 'errors', type: 'status_code', status_code: { status_codes: ['ERROR'] } },
        { name: 'slow-flows', type: 'latency', latency: { threshold_ms: 30000 } },
        { name: 'the-rest', type: 'probabilistic', probabilistic: { sampling_percentage: 25 } },
      ],
    },
    batch: {},
  },
  exporters: {
    'otlp/traces': { endpoint: '${env:PENGUIFLOW_TRACES_ENDPOINT}' },
    awscloudwatchlogs: {
      region: '${env:AWS_REGION}',
      log_group_name: '/penguiflow/runtime',
      log_stream_name: '${env:HOSTNAME}',
    },
  },
  pipelines: {
    traces: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'tail_sampling', 'batch'],
      exporters: ['otlp/traces'],
    },
    logs: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['awscloudwatchlogs'] },
  },
});
