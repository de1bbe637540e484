import type { ZodType } from 'zod';
import * as z from '../zod-jitless.ts';

/**
 * Schemas of the components the five systems use, keyed by kind and type. Loose objects: the
 * collector has many more settings than obsgen needs to know; these say what must be there and
 * what shape the settings obsgen reads have. A missing required key is `otel/required-field`,
 * a wrong shape `otel/invalid-config`.
 */
const duration = z
  .string()
  .regex(
    /^\d+(?:\.\d+)?(?:ns|us|\u00b5s|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ns|us|\u00b5s|ms|s|m|h))*$/,
    'a Go duration such as 1s',
  );
const endpoint = z.string().min(1);
const tls = z
  .looseObject({ insecure: z.boolean().optional(), insecure_skip_verify: z.boolean().optional() })
  .optional();
const headers = z.record(z.string(), z.string()).optional();

const otlpExporter = z.looseObject({ endpoint, tls, headers });
const policies = z
  .array(
    z.looseObject({
      name: z.string().min(1),
      type: z.enum([
        'always_sample',
        'latency',
        'numeric_attribute',
        'probabilistic',
        'status_code',
        'string_attribute',
        'rate_limiting',
        'span_count',
        'trace_state',
        'boolean_attribute',
        'ottl_condition',
        'and',
        'composite',
        'drop',
      ]),
    }),
  )
  .min(1);

export const COMPONENT_SCHEMAS: Readonly<Record<string, Readonly<Record<string, ZodType>>>> = {
  receivers: {
    otlp: z.looseObject({
      protocols: z.looseObject({
        grpc: z.looseObject({ endpoint: endpoint.optional() }).nullable().optional(),
        http: z.looseObject({ endpoint: endpoint.optional() }).nullable().optional(),
      }),
    }),
    prometheus: z.looseObject({
      config: z.looseObject({ scrape_configs: z.array(z.looseObject({ job_name: z.string().min(1) })).min(1) }),
    }),
  },
  processors: {
    memory_limiter: z.looseObject({
      check_interval: duration,
      limit_mib: z.number().int().positive().optional(),
      spike_limit_mib: z.number().int().nonnegative().optional(),
      limit_percentage: z.number().optional(),
    }),
    batch: z
      .looseObject({ timeout: duration.optional(), send_batch_size: z.number().int().positive().optional() })
      .nullable(),
    resource: z.looseObject({
      attributes: z
        .array(
          z.looseObject({
            key: z.string().min(1),
            action: z.enum(['insert', 'update', 'upsert', 'delete', 'hash', 'extract', 'convert']),
          }),
        )
        .min(1),
    }),
    attributes: z.looseObject({
      actions: z.array(z.looseObject({ key: z.string().optional(), action: z.string() })).min(1),
    }),
    transform: z.looseObject({ error_mode: z.enum(['ignore', 'silent', 'propagate']).optional() }),
    filter: z.looseObject({ error_mode: z.enum(['ignore', 'silent', 'propagate']).optional() }),
    tail_sampling: z.looseObject({ decision_wait: duration.optional(), policies }),
    probabilistic_sampler: z.looseObject({ sampling_percentage: z.number().min(0).max(100) }),
    redaction: z.looseObject({
      allow_all_keys: z.boolean().optional(),
      blocked_values: z.array(z.string()).optional(),
      blocked_key_patterns: z.array(z.string()).optional(),
      summary: z.enum(['debug', 'info', 'silent']).optional(),
    }),
  },
  exporters: {
    otlp: otlpExporter,
    otlphttp: z.looseObject({
      endpoint: endpoint.optional(),
      traces_endpoint: endpoint.optional(),
      metrics_endpoint: endpoint.optional(),
      logs_endpoint: endpoint.optional(),
      headers,
    }),
    prometheus: z.looseObject({ endpoint, const_labels: z.record(z.string(), z.string()).optional() }),
    prometheusremotewrite: z.looseObject({
      endpoint,
      headers,
      external_labels: z.record(z.string(), z.string()).optional(),
    }),
    debug: z.looseObject({ verbosity: z.enum(['basic', 'normal', 'detailed']).optional() }).nullable(),
    awsemf: z.looseObject({
      namespace: z.string().optional(),
      region: z.string().optional(),
      metric_declarations: z
        .array(
          z.looseObject({
            dimensions: z.array(z.array(z.string()).max(30)).optional(),
            metric_name_selectors: z.array(z.string()).min(1),
          }),
        )
        .optional(),
    }),
    awscloudwatchlogs: z.looseObject({
      log_group_name: z.string().min(1),
      log_stream_name: z.string().min(1),
      region: z.string().optional(),
    }),
    file: z.looseObject({ path: z.string().min(1) }),
  },
  extensions: {
    health_check: z.looseObject({ endpoint: endpoint.optional() }).nullable(),
    pprof: z.looseObject({ endpoint: endpoint.optional() }).nullable(),
    zpages: z.looseObject({ endpoint: endpoint.optional() }).nullable(),
    basicauth: z.looseObject({
      client_auth: z.looseObject({ username: z.string(), password: z.string() }).optional(),
      htpasswd: z.unknown().optional(),
    }),
    bearertokenauth: z.looseObject({ token: z.string().optional(), filename: z.string().optional() }),
    sigv4auth: z.looseObject({ region: z.string().optional(), service: z.string().optional() }).nullable(),
  },
};
