// AI Teams' four dashboards (seed 001, "Dashboard Design"). Panels on the catalog's metrics;
// the Infrastructure dashboard reads AWS metrics through Grafana's CloudWatch data source
// (legends use its dynamic labels, ${PROP('Dim.X')}).
import {
  barChart,
  buckets,
  by,
  cloudwatchMetric,
  dashboard,
  div,
  heatmap,
  histogramQuantile,
  increase,
  mul,
  rate,
  re,
  row,
  stat,
  sum,
  timeseries,
} from 'obsgen';
import { aiTeams } from './catalog.ts';

const m = aiTeams.metrics;
const service = {
  kind: 'query',
  name: 'service_name',
  label: 'Service',
  query: 'label_values(request_count_total, service_name)',
  multi: true,
  includeAll: true,
} as const;
const inService = { service_name: re('$service_name') };

const latency = (phi: number) =>
  histogramQuantile(phi, m.request_duration_seconds.where(inService), { by: ['service_name'] });

export const serviceHealth = dashboard('service-health', {
  title: 'AI Teams / Service Health',
  description: 'RED view of the four services: traffic, errors, latency, saturation, availability.',
  variables: [service],
  links: [{ title: 'SLOs', tags: ['ai-teams', 'slo'] }],
  rows: [
    row('Traffic and errors', [
      timeseries(
        'Request Rate',
        sum(rate(m.request_count_total.where(inService), '5m'), by('service_name', 'endpoint')),
        {
          unit: 'reqps',
          legend: '{{service_name}} {{endpoint}}',
          description: 'Requests per second by service and endpoint.',
        },
      ),
      timeseries(
        'Error Rate',
        sum(rate(m.request_errors_total.where(inService), '5m'), by('service_name', 'error_type')),
        {
          unit: 'reqps',
          legend: '{{service_name}} {{error_type}}',
          description: 'Failed requests per second by service and error type.',
        },
      ),
    ]),
    row('Latency and saturation', [
      timeseries(
        'Latency Distribution',
        [
          { query: latency(0.5), legend: 'p50 {{service_name}}' },
          { query: latency(0.95), legend: 'p95 {{service_name}}' },
          { query: latency(0.99), legend: 'p99 {{service_name}}' },
        ],
        {
          unit: 's',
          description: 'p50, p95 and p99 request latency by service.',
        },
      ),
      timeseries('Active Requests', sum(m.active_requests.where(inService), by('service_name')), {
        unit: 'short',
        legend: '{{service_name}}',
        description: 'Requests in flight by service.',
      }),
      // The document derives availability from health-check logs; the scrape health of each
      // service's target is the same signal, in Prometheus.
      stat('Service Availability', 'avg by (job) (avg_over_time(up[1d]))', {
        unit: 'percentunit',
        legend: '{{job}}',
        description: 'Share of successful scrapes of each service over the last day.',
        thresholds: [
          { value: 0, color: 'red' },
          { value: 0.99, color: 'orange' },
          { value: 0.999, color: 'green' },
        ],
      }),
    ]),
  ],
});

const workflowDuration = (phi: number) =>
  histogramQuantile(phi, m.workflow_execution_duration_seconds, { by: ['workflow_type'] });

export const workflowExecution = dashboard('workflow-execution', {
  title: 'AI Teams / Workflow Execution',
  description: 'Workflow executions: rate, success, duration.',
  rows: [
    row('Executions', [
      timeseries('Execution Rate', mul(sum(rate(m.workflow_executions_total, '5m'), by('outcome')), 60), {
        unit: 'short',
        legend: '{{outcome}}',
        description: 'Workflows completed per minute, by outcome.',
      }),
      timeseries(
        'Success Rate',
        div(
          sum(rate(m.workflow_executions_total.where({ outcome: 'success' }), '5m'), by('workflow_type')),
          sum(rate(m.workflow_executions_total, '5m'), by('workflow_type')),
        ),
        {
          unit: 'percentunit',
          legend: '{{workflow_type}}',
          description: 'Share of successful executions by workflow type.',
          min: 0,
          max: 1,
        },
      ),
      timeseries(
        'Execution Duration',
        [
          { query: workflowDuration(0.5), legend: 'p50 {{workflow_type}}' },
          { query: workflowDuration(0.95), legend: 'p95 {{workflow_type}}' },
          { query: workflowDuration(0.99), legend: 'p99 {{workflow_type}}' },
        ],
        {
          unit: 's',
          description: 'p50, p95 and p99 execution time by workflow type.',
        },
      ),
      // The document's "Node Execution Distribution" needs a per-node metric it never defines;
      // the distribution of whole executions is what the catalog can show.
      heatmap(
        'Execution Duration Distribution',
        sum(rate(buckets(m.workflow_execution_duration_seconds), '5m'), by('le')),
        {
          unit: 's',
          description: 'How execution times spread over the histogram buckets.',
        },
      ),
    ]),
  ],
});

export const aiModelUsage = dashboard('ai-model-usage', {
  title: 'AI Teams / AI Model Usage',
  description: 'AI provider calls, tokens, cost and failures by model.',
  rows: [
    row('Usage', [
      timeseries('Request Rate', sum(rate(m.ai_requests_total, '5m'), by('model', 'provider')), {
        unit: 'reqps',
        legend: '{{provider}} {{model}}',
        description: 'AI API calls per second by model and provider.',
      }),
      timeseries('Token Consumption', sum(rate(m.ai_tokens_total, '5m'), by('model', 'token_type')), {
        unit: 'short',
        legend: '{{model}} {{token_type}}',
        description: 'Tokens per second by model, input vs output.',
      }),
      barChart('Cost Tracking', sum(increase(m.ai_cost_dollars_total, '1d'), by('model')), {
        unit: 'currencyUSD',
        legend: '{{model}}',
        description: 'USD spent per model over the last day.',
      }),
      timeseries('Error Rate', sum(rate(m.ai_errors_total, '5m'), by('model', 'ai_error_type')), {
        unit: 'reqps',
        legend: '{{model}} {{ai_error_type}}',
        description: 'AI API failures per second by model and error type.',
      }),
    ]),
  ],
});

const ecs = (metricName: string, statistic: 'Average' | 'Sum' | 'Maximum') =>
  cloudwatchMetric(
    { namespace: 'AWS/ECS', metricName, dimensions: { ClusterName: 'ai-teams-prod', ServiceName: '*' }, statistic },
    "${PROP('Dim.ServiceName')}",
  );
const alb = (metricName: string, statistic: 'Average' | 'Sum' | 'Minimum' | `p${number}`) =>
  cloudwatchMetric(
    { namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: '*' }, statistic },
    "${PROP('Dim.LoadBalancer')}",
  );

export const infrastructure = dashboard('infrastructure', {
  title: 'AI Teams / Infrastructure',
  description: 'ECS services, the load balancer and CloudWatch Logs, from AWS CloudWatch.',
  rows: [
    row('ECS services', [
      timeseries('CPU', ecs('CPUUtilization', 'Average'), {
        unit: 'percent',
        width: 8,
        description: 'ECS service CPU utilisation (percent of reserved CPU).',
      }),
      timeseries('Memory', ecs('MemoryUtilization', 'Average'), {
        unit: 'percent',
        width: 8,
        description: 'ECS service memory utilisation (percent of reserved memory).',
      }),
      timeseries(
        'Running tasks',
        cloudwatchMetric(
          {
            namespace: 'ECS/ContainerInsights',
            metricName: 'RunningTaskCount',
            dimensions: { ClusterName: 'ai-teams-prod', ServiceName: '*' },
            statistic: 'Average',
          },
          "${PROP('Dim.ServiceName')}",
        ),
        {
          unit: 'short',
          width: 8,
          description: 'Tasks running per service (Container Insights).',
        },
      ),
    ]),
    row('Load balancer', [
      timeseries('Request count', alb('RequestCount', 'Sum'), {
        unit: 'short',
        width: 8,
        description: 'Requests the load balancer received per period.',
      }),
      timeseries('Response time p95', alb('TargetResponseTime', 'p95'), {
        unit: 's',
        width: 8,
        description: '95th percentile of target response time.',
      }),
      timeseries(
        'Healthy targets',
        cloudwatchMetric(
          {
            namespace: 'AWS/ApplicationELB',
            metricName: 'HealthyHostCount',
            dimensions: { LoadBalancer: '*', TargetGroup: '*' },
            statistic: 'Minimum',
          },
          "${PROP('Dim.TargetGroup')}",
        ),
        {
          unit: 'short',
          width: 8,
          description: 'Healthy targets per target group (minimum over the period).',
        },
      ),
    ]),
    row('CloudWatch Logs', [
      timeseries(
        'Log ingestion',
        cloudwatchMetric(
          {
            namespace: 'AWS/Logs',
            metricName: 'IncomingBytes',
            dimensions: { LogGroupName: '/ecs/ai-teams-prod' },
            statistic: 'Sum',
          },
          'ingested',
        ),
        {
          unit: 'bytes',
          description: 'Bytes ingested into the /ecs/ai-teams-prod log group per period.',
        },
      ),
      // The document's "log group size": CloudWatch publishes no stored-size metric (storedBytes is
      // only in DescribeLogGroups), so the panel shows what drives it, bytes ingested per day.
      stat(
        'Ingested today',
        cloudwatchMetric(
          {
            namespace: 'AWS/Logs',
            metricName: 'IncomingBytes',
            dimensions: { LogGroupName: '/ecs/ai-teams-prod' },
            statistic: 'Sum',
            period: 86400,
          },
          'ingested',
        ),
        {
          unit: 'bytes',
          description:
            'Bytes ingested into /ecs/ai-teams-prod per day; the LogIngestionNearBudget alarm fires above 80% of the 5 GiB daily budget.',
        },
      ),
    ]),
  ],
});
