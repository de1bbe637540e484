import * as z from '../zod-jitless.ts';

/**
 * OpenSLO v1 objects as the specification (github.com/OpenSLO/OpenSLO, README "Object Types")
 * states them: the kinds obsgen writes and reads, their required fields, the duration shorthand,
 * target ranges and the one-of rules (indicator or indicatorRef, good or bad, one condition per
 * policy). No package publishes the schema; this is it, written from the specification.
 */
const duration = z.string().regex(/^\d+[smhdwMQY]$/, 'must be a duration shorthand such as 5m, 1h or 30d');
const name = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be an RFC 1123 label (lower-case letters, digits and -)');
const description = z.string().max(1050, 'holds at most 1050 characters').optional();
const metadata = z
  .object({
    name,
    displayName: z.string().optional(),
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();
const metricSource = z
  .object({
    metricSource: z
      .object({
        metricSourceRef: z.string().optional(),
        type: z.string().optional(),
        spec: z.record(z.string(), z.unknown()),
      })
      .strict()
      .refine((s) => s.type !== undefined || s.metricSourceRef !== undefined, 'needs type or metricSourceRef'),
  })
  .strict();
const ratioMetric = z
  .object({
    counter: z.boolean(),
    good: metricSource.optional(),
    bad: metricSource.optional(),
    total: metricSource.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metricSource.optional(),
  })
  .strict()
  .refine(
    (r) => (r.raw !== undefined ? r.rawType !== undefined && r.total === undefined : r.total !== undefined),
    'needs total (with good or bad), or raw with rawType',
  )
  .refine((r) => !(r.good !== undefined && r.bad !== undefined), 'takes good or bad, not both');
const sliSpec = z
  .object({ description, thresholdMetric: metricSource.optional(), ratioMetric: ratioMetric.optional() })
  .strict()
  .refine(
    (s) => (s.thresholdMetric === undefined) !== (s.ratioMetric === undefined),
    'needs exactly one of thresholdMetric and ratioMetric',
  );
const alertCondition = z
  .object({
    description,
    severity: z.string().min(1),
    condition: z
      .object({
        kind: z.literal('burnrate'),
        op: z.enum(['lte', 'gte', 'lt', 'gt']),
        threshold: z.number(),
        lookbackWindow: duration,
        alertAfter: duration,
      })
      .strict(),
  })
  .strict();

const OPENSLO_V1 = z.discriminatedUnion('kind', [
  z
    .object({
      apiVersion: z.literal('openslo/v1'),
      kind: z.literal('Service'),
      metadata,
      spec: z.object({ description }).strict(),
    })
    .strict(),
  z.object({ apiVersion: z.literal('openslo/v1'), kind: z.literal('SLI'), metadata, spec: sliSpec }).strict(),
  z
    .object({
      apiVersion: z.literal('openslo/v1'),
      kind: z.literal('SLO'),
      metadata,
      spec: z
        .object({
          description,
          service: z.string().min(1),
          indicator: z.object({ metadata, spec: sliSpec }).strict().optional(),
          indicatorRef: z.string().optional(),
          timeWindow: z
            .array(
              z
                .object({
                  duration,
                  isRolling: z.boolean(),
                  calendar: z.object({ startTime: z.string(), timeZone: z.string() }).optional(),
                })
                .strict(),
            )
            .length(1, 'holds exactly one window')
            .optional(),
          budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
          objectives: z
            .array(
              z
                .object({
                  displayName: z.string().optional(),
                  op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
                  value: z.number().optional(),
                  target: z.number().min(0).lt(1).optional(),
                  targetPercent: z.number().min(0).lt(100).optional(),
                  timeSliceTarget: z.number().gt(0).max(1).optional(),
                  timeSliceWindow: z.union([z.number(), duration]).optional(),
                })
                .strict()
                .refine(
                  (o) => (o.target === undefined) !== (o.targetPercent === undefined),
                  'needs target or targetPercent',
                ),
            )
            .min(1),
          alertPolicies: z.array(z.union([z.string(), z.object({ alertPolicyRef: z.string() }).strict()])).optional(),
        })
        .strict()
        .refine(
          (s) => (s.indicator === undefined) !== (s.indicatorRef === undefined),
          'needs exactly one of indicator and indicatorRef',
        ),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('openslo/v1'),
      kind: z.literal('AlertPolicy'),
      metadata,
      spec: z
        .object({
          description,
          alertWhenNoData: z.boolean().optional(),
          alertWhenResolved: z.boolean().optional(),
          alertWhenBreaching: z.boolean().optional(),
          conditions: z
            .array(
              z.union([
                z.object({ kind: z.literal('AlertCondition'), metadata, spec: alertCondition }).strict(),
                z.object({ conditionRef: z.string() }).strict(),
              ]),
            )
            .length(1, 'holds exactly one condition'),
          notificationTargets: z
            .array(
              z.union([
                z.object({ targetRef: z.string() }).strict(),
                z
                  .object({
                    kind: z.literal('AlertNotificationTarget'),
                    metadata,
                    spec: z.object({ target: z.string(), description }).strict(),
                  })
                  .strict(),
              ]),
            )
            .min(1),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      apiVersion: z.literal('openslo/v1'),
      kind: z.literal('AlertNotificationTarget'),
      metadata,
      spec: z.object({ target: z.string().min(1), description }).strict(),
    })
    .strict(),
]);

/** Why an OpenSLO v1 document is not valid, one line per problem (empty when it is). */
export function opensloProblems(document: unknown): string[] {
  const result = OPENSLO_V1.safeParse(document);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`);
}
