import { describe, expect, it } from 'vitest';
import { prometheusNameForOtel } from '../src/model/otel-prometheus-name.ts';

describe('OTel instrument → Prometheus series name (as the collector exporters translate it)', () => {
  it.each([
    ['request_count', 'counter', undefined, 'request_count_total'],
    ['http.server.request.duration', 'histogram', 's', 'http_server_request_duration_seconds'],
    ['request_duration', 'histogram', 's', 'request_duration_seconds'],
    ['request_duration_seconds', 'histogram', 's', 'request_duration_seconds'],
    ['system.memory.usage', 'updowncounter', 'By', 'system_memory_usage_bytes'],
    ['ai_cost', 'counter', '$', 'ai_cost_dollars_total'],
    ['requests_total', 'counter', undefined, 'requests_total'],
    ['total.requests', 'counter', undefined, 'requests_total'],
    ['cpu.utilization', 'gauge', '1', 'cpu_utilization_ratio'],
    ['queue.size', 'gauge', '{message}', 'queue_size'],
    ['throughput', 'gauge', 'By/s', 'throughput_bytes_per_second'],
    ['ai_tokens', 'counter', '{token}', 'ai_tokens_total'],
    ['latency', 'histogram', 'ms', 'latency_milliseconds'],
    ['2xx.responses', 'counter', undefined, '_2xx_responses_total'],
  ] as const)('%s (%s, unit %s) → %s', (otel, kind, unit, expected) => {
    expect(prometheusNameForOtel(otel, kind, unit)).toBe(expected);
  });
});
