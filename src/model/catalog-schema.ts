import * as z from '../zod-jitless.ts';
import { parseDuration } from './duration.ts';
import { isLabelName } from './label-name.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const count = z.number().int('must be a whole number').positive('must be positive');

const allowSchema = z.object({
  rule: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/, 'must be a rule id such as cardinality/metric-budget'),
  reason: z.string().trim().min(10, 'must say why in a sentence (10+ characters)'),
});

export const labelDomainSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('oneOf'),
    values: z
      .array(z.string())
      .min(1, 'oneOf needs at least one value')
      .refine((values) => new Set(values).size === values.length, 'values must be unique'),
  }),
  z.object({ kind: z.literal('bounded'), max: count, why: nonEmpty }),
  z.object({ kind: z.literal('unbounded'), why: nonEmpty }),
]);

const increasing = (values: readonly number[]): boolean =>
  values.every((v, i) => i === 0 || v > (values[i - 1] ?? Number.NEGATIVE_INFINITY));

export const metricSpecSchema = z
  .object({
    kind: z.enum(['counter', 'gauge', 'histogram', 'summary', 'updowncounter']),
    labels: z.array(z.string()).refine((labels) => new Set(labels).size === labels.length, 'labels must be unique'),
    drop: z.record(z.string(), z.literal('collector')),
    help: nonEmpty.optional(),
    unit: nonEmpty.optional(),
    otel: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/, 'must be a valid OpenTelemetry instrument name')
      .optional(),
    budget: count.optional(),
    combinations: z.object({ max: count, why: nonEmpty }).optional(),
    instances: count.optional(),
    cloudwatch: z
      .object({
        namespace: z.string().regex(/^[^:][^:]{0,254}$/, 'must be 1-255 characters without a colon'),
        dimensions: z.array(z.array(z.string()).max(30, 'CloudWatch allows at most 30 dimensions per metric')).min(1),
      })
      .optional(),
    buckets: z
      .array(z.number().finite('list finite bounds; +Inf is implicit'))
      .min(1)
      .refine(increasing, 'buckets must be strictly increasing')
      .optional(),
    quantiles: z
      .array(z.number().min(0).max(1))
      .min(1)
      .refine(increasing, 'quantiles must be strictly increasing')
      .optional(),
    allow: z.array(allowSchema),
  })
  .superRefine((spec, ctx) => {
    if (spec.kind === 'histogram' && spec.buckets === undefined)
      ctx.addIssue({ code: 'custom', path: ['buckets'], message: 'a histogram needs buckets' });
    if (spec.kind === 'summary' && spec.quantiles === undefined)
      ctx.addIssue({ code: 'custom', path: ['quantiles'], message: 'a summary needs quantiles' });
    if ((spec.unit === 'seconds' || spec.unit === 'bytes') && (spec.buckets ?? []).some((bound) => bound < 0))
      ctx.addIssue({
        code: 'custom',
        path: ['buckets'],
        message: `a histogram of ${spec.unit} observes no negative values; a negative bucket bound is a mistake`,
      });
    for (const label of Object.keys(spec.drop)) {
      if (!spec.labels.includes(label))
        ctx.addIssue({
          code: 'custom',
          path: ['drop', label],
          message: `drops ${label}, which the metric does not have`,
        });
    }
    const stored = spec.labels.filter((label) => !(label in spec.drop));
    for (const [i, set] of (spec.cloudwatch?.dimensions ?? []).entries()) {
      for (const label of set) {
        if (!stored.includes(label))
          ctx.addIssue({
            code: 'custom',
            path: ['cloudwatch', 'dimensions', i],
            message: `dimension ${label} is not a stored label of the metric`,
          });
      }
    }
  });

export const catalogSchema = z.object({
  system: z.string().regex(/^[a-z][a-z0-9-]*$/, 'system names are lower-case words joined by hyphens'),
  scrapeInterval: z
    .string()
    .refine(
      (text) => parseDuration(text) !== undefined && (parseDuration(text) ?? 0) > 0,
      'must be a Prometheus duration such as 15s',
    ),
  instances: count,
  seriesBudget: count.optional(),
  metricBudget: count.optional(),
  targetLabels: z
    .array(
      z
        .string()
        .refine(isLabelName, 'must be a label name')
        .refine((label) => !label.startsWith('__'), 'names starting with __ are reserved'),
    )
    .optional(),
  allow: z.array(allowSchema),
});
