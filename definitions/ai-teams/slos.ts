// AI Teams' SLIs and SLOs (seed 001, "SLIs and SLOs").
import { latencySli, not, ratioSli, re, slo } from 'obsgen';
import { aiTeams } from './catalog.ts';

const m = aiTeams.metrics;
const health = m.request_count_total.where({ endpoint: '/health' });

export const aiTeamsSlos = [
  // Availability: the share of successful health checks (the document measures it from health
  // check responses), per service.
  slo('api-availability', {
    objective: 99.9,
    sli: ratioSli({ errors: health.where({ status_code: re('5..') }), total: health }),
    by: ['service_name'],
    description: 'Health checks answered without a 5xx.',
  }),
  // Latency: 95 % of requests faster than 2 s (2 is a bucket bound of request_duration_seconds).
  slo('api-latency', {
    objective: 95,
    sli: latencySli({ histogram: m.request_duration_seconds.where({ endpoint: not('/health') }), threshold: 2 }),
    by: ['service_name'],
    description: 'Requests served within 2 seconds.',
  }),
  // Error rate: fewer than 1 % of requests answer 5xx.
  slo('api-errors', {
    objective: 99,
    sli: ratioSli({ errors: m.request_count_total.where({ status_code: re('5..') }), total: m.request_count_total }),
    by: ['service_name'],
    description: 'Requests answered without a 5xx.',
  }),
  // Workflow success: 95 % for simple, 85 % for complex workflows. Fix: the document measures
  // it from a workflow_success_rate histogram; it is the share of successful executions.
  slo('workflow-success', {
    objective: 95,
    objectives: { label: 'complexity_level', values: { complex: 85 } },
    sli: ratioSli({
      good: m.workflow_executions_total.where({ outcome: 'success' }),
      total: m.workflow_executions_total,
    }),
    by: ['complexity_level'],
    description: 'Workflow executions that succeed.',
    allow: [
      {
        rule: 'slo/impossible-tier',
        reason:
          'At 85 % a 14.4× burn needs a 216 % error ratio; complex workflows page on the 6× (6h/30m) condition only, which obsgen keeps.',
      },
    ],
  }),
];
