// AI Teams in AWS CloudWatch (seed 001): the structured log schema of CloudWatchTracingFormatter
// (section 3.2), the /ecs/ai-teams-prod log group, the four Logs Insights queries of
// infra/monitoring.tf plus the incident procedure's, the ECS and log alarms, and the
// infrastructure dashboard.
import {
  awsMetric,
  cloudwatch,
  cloudwatchAlarm,
  cloudwatchDashboard,
  cwl,
  emfMetric,
  expression,
  extendSchema,
  insights,
  logGroup,
  logSchema,
  logsInsights,
  logsQuery,
  logWidget,
  metricWidget,
  oneOfValues,
  type AlertRule,
} from 'obsgen';
import { aiTeams } from './catalog.ts';
import { aiTeamsAlerts } from './rules.ts';

const SERVICES = ['api-gateway', 'workflow-agent', 'workflow-engine', 'workflow-scheduler'] as const;
const CLUSTER = 'ai-teams-prod';

/** The base entry every log line carries. */
const baseEntry = logSchema('ai-teams-base', {
  // CloudWatch's own @timestamp and @message are always present; @level is the formatter's.
  '@level': oneOfValues('INFO', 'WARN', 'ERROR', 'DEBUG'),
  level: oneOfValues('INFO', 'WARN', 'ERROR', 'DEBUG'),
  timestamp: 'timestamp',
  file: 'string',
  service: oneOfValues(...SERVICES),
  tracking_id: 'string',
  source: { module: 'string', function: 'string', line: 'number', filename: 'string', pathname: 'string' },
  tracing: { trace_id: 'string', span_id: 'string' },
});

/** The nested field groups (dot-notation in Logs Insights); error.* and exception.* on ERROR only. */
export const aiTeamsLog = extendSchema(baseEntry, 'ai-teams', {
  request: {
    method: 'string',
    path: 'string',
    size: 'number',
    duration: { type: 'number', description: 'seconds' },
    user_agent: 'string',
    ip: 'string',
  },
  response: { status: 'number', size: 'number', content_type: 'string' },
  user: { id: 'string', segment: oneOfValues('premium', 'free', 'enterprise') },
  session: { id: 'string', duration: { type: 'number', description: 'seconds' } },
  workflow: {
    id: 'string',
    type: oneOfValues('simple', 'complex', 'ai-assisted'),
    status: oneOfValues('running', 'completed', 'failed'),
  },
  operation: {
    name: oneOfValues('create_session', 'execute_workflow', 'generate_response'),
    result: oneOfValues('success', 'failure', 'partial'),
    duration: { type: 'number', description: 'seconds' },
  },
  error: {
    type: oneOfValues('ValidationError', 'BusinessLogicError', 'SystemError'),
    code: 'string',
    message: 'string',
    category: oneOfValues('client', 'server', 'network', 'timeout'),
  },
  exception: { class: 'string', message: 'string', stack_trace: 'string' },
});

export const ecsLogs = logGroup('/ecs/ai-teams-prod', {
  schema: aiTeamsLog,
  streamPrefixes: SERVICES,
  retentionDays: 7,
});

// --- The four queries of infra/monitoring.tf, checked against the schema. ---

export const trackingIdCorrelation = logsQuery('Tracking ID correlation', {
  folder: 'ai-teams',
  logGroups: [ecsLogs],
  query: logsInsights`fields @timestamp, @message, tracking_id, service, @level
    | filter ispresent(tracking_id)
    | sort @timestamp desc
    | limit 100`,
});

export const errorsWithTraceContext = logsQuery('Errors with trace context', {
  folder: 'ai-teams',
  logGroups: [ecsLogs],
  query: logsInsights`fields @timestamp, @message, tracking_id, service, error.type, error.message
    | filter @level = "ERROR"
    | filter ispresent(tracking_id)
    | sort @timestamp desc
    | limit 50`,
});

// Written with the typed builder: field names are checked by tsc against aiTeamsLog.
export const slowRequests = logsQuery('Slow requests', {
  folder: 'ai-teams',
  logGroups: [ecsLogs],
  query: insights(ecsLogs)
    .fields('@timestamp', 'tracking_id', 'request.method', 'request.path', 'request.duration', 'response.status')
    .filter(cwl.present('request.duration'))
    .filter(cwl.gt('request.duration', 1.0))
    .sort('request.duration', 'desc')
    .limit(50)
    .build(),
});

// Fix: the document ends with `sort count() desc`. count() is an aggregation, which only stats may
// use; the stats output must be named (`as operations`) and sorted by that name.
export const userActivity = logsQuery('User activity', {
  folder: 'ai-teams',
  logGroups: [ecsLogs],
  query: logsInsights`fields @timestamp, tracking_id, user.id, user.segment, operation.name, operation.result
    | filter ispresent(user.id)
    | stats count() as operations by user.id, operation.name
    | sort operations desc`,
});

// --- Incident investigation (section "Incident Investigation", step 3). ---

export const logsOfTrackingId = logsQuery('All logs of one tracking id', {
  folder: 'ai-teams/incident',
  description: 'Every log line of one request across services; the console asks for the tracking_id.',
  logGroups: [ecsLogs],
  query: logsInsights`fields @timestamp, service, @level, @message, error.type, exception.class
    | filter tracking_id = {{tracking_id}}
    | sort @timestamp asc
    | limit 1000`,
});

export const errorRateByService = logsQuery('Error rate by service', {
  folder: 'ai-teams/incident',
  logGroups: [ecsLogs],
  // strcontains() is 1 or 0 per line, so its sum counts ERROR lines.
  query: logsInsights`filter ispresent(service)
    | stats sum(strcontains(@level, "ERROR")) / count(*) * 100 as error_percent, count(*) as lines by service, bin(5m)
    | sort error_percent desc`,
});

export const p95DurationByPath = logsQuery('p95 request duration by path', {
  folder: 'ai-teams/incident',
  logGroups: [ecsLogs],
  query: insights(ecsLogs)
    .filter(cwl.present('request.duration'))
    .stats({ p95_seconds: cwl.pct('request.duration', 95), requests: cwl.count() }, ['request.path'])
    .sort('p95_seconds', 'desc')
    .limit(25)
    .build(),
});

// --- Alarms. ---

function promAlert(name: string): AlertRule {
  const found = aiTeamsAlerts.rules.find((rule): rule is AlertRule => rule.kind === 'alert' && rule.name === name);
  if (found === undefined) throw new Error(`AI Teams has no alert ${name}`);
  return found;
}

// "ECS Task Failure: task restart rate > 3 restarts/10 minutes → page". ECS publishes restarts as
// RestartCount in Container Insights (enhanced observability, containers with a restart policy).
const taskRestarts = SERVICES.map((service) =>
  cloudwatchAlarm(`EcsTaskRestarts-${service}`, {
    severity: 'critical',
    description: `${service}: more than 3 container restarts in 10 minutes.`,
    metric: awsMetric({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RestartCount',
      dimensions: { ClusterName: CLUSTER, ServiceName: service },
      statistic: 'Sum',
      period: '10m',
    }),
    comparison: '>',
    threshold: 3,
    treatMissingData: 'notBreaching',
  }),
);

// "Log group size > 80% of quota → ops". CloudWatch Logs has no size quota and publishes no
// stored-size metric (storedBytes is only in DescribeLogGroups), so the alarm watches what the
// team controls: bytes ingested per day against the ingestion budget the retention was sized for.
const DAILY_INGESTION_BUDGET_BYTES = 5 * 1024 ** 3;
const logIngestion = cloudwatchAlarm('LogIngestionNearBudget', {
  severity: 'warning',
  description: `/ecs/ai-teams-prod ingested more than 80% of its ${DAILY_INGESTION_BUDGET_BYTES / 1024 ** 3} GiB daily budget.`,
  metric: awsMetric({
    namespace: 'AWS/Logs',
    metricName: 'IncomingBytes',
    dimensions: { LogGroupName: ecsLogs.name },
    statistic: 'Sum',
    period: '1d',
  }),
  comparison: '>',
  threshold: 0.8 * DAILY_INGESTION_BUDGET_BYTES,
  treatMissingData: 'notBreaching',
});

// HighErrorRate for the gateway from the EMF copy of request_count (for when Prometheus itself is
// down): the 5xx codes the gateway returns over all requests, as metric math on the
// [service_name, status_code] and [service_name] dimension sets the catalog publishes.
const requests = aiTeams.metrics.request_count_total;
const gatewayErrors = cloudwatchAlarm('HighErrorRate-api-gateway', {
  alert: promAlert('HighErrorRate'),
  math: {
    all: emfMetric(requests, { dimensions: { service_name: 'api-gateway' }, statistic: 'Sum', period: '1m' }),
    e500: emfMetric(requests, {
      dimensions: { service_name: 'api-gateway', status_code: '500' },
      statistic: 'Sum',
      period: '1m',
    }),
    e502: emfMetric(requests, {
      dimensions: { service_name: 'api-gateway', status_code: '502' },
      statistic: 'Sum',
      period: '1m',
    }),
    e503: emfMetric(requests, {
      dimensions: { service_name: 'api-gateway', status_code: '503' },
      statistic: 'Sum',
      period: '1m',
    }),
    e504: emfMetric(requests, {
      dimensions: { service_name: 'api-gateway', status_code: '504' },
      statistic: 'Sum',
      period: '1m',
    }),
    ratio: expression('(FILL(e500, 0) + FILL(e502, 0) + FILL(e503, 0) + FILL(e504, 0)) / all', '5xx ratio'),
  },
  comparison: '>',
  threshold: 0.1,
  for: '5m',
  treatMissingData: 'notBreaching',
});

// --- The infrastructure view (ECS, load balancer, log ingestion) as a CloudWatch dashboard. ---

const ecs = (metricName: string) =>
  SERVICES.map((service) =>
    awsMetric({
      namespace: 'AWS/ECS',
      metricName,
      dimensions: { ClusterName: CLUSTER, ServiceName: service },
      statistic: 'Average',
      period: '5m',
      label: service,
    }),
  );
const LOAD_BALANCER = 'app/ai-teams-prod/0123456789abcdef';
const TARGET_GROUP = 'targetgroup/ai-teams-api-gateway/0123456789abcdef';

export const infrastructureDashboard = cloudwatchDashboard('infrastructure', [
  metricWidget('ECS CPU utilisation (%)', ecs('CPUUtilization'), { width: 8 }),
  metricWidget('ECS memory utilisation (%)', ecs('MemoryUtilization'), { width: 8 }),
  metricWidget(
    'Running tasks',
    SERVICES.map((service) =>
      awsMetric({
        namespace: 'ECS/ContainerInsights',
        metricName: 'RunningTaskCount',
        dimensions: { ClusterName: CLUSTER, ServiceName: service },
        statistic: 'Average',
        period: '1m',
        label: service,
      }),
    ),
    { width: 8 },
  ),
  metricWidget(
    'Load balancer requests',
    [
      awsMetric({
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions: { LoadBalancer: LOAD_BALANCER },
        statistic: 'Sum',
        period: '1m',
      }),
    ],
    { width: 8 },
  ),
  metricWidget(
    'Target response time p95 (s)',
    [
      awsMetric({
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LOAD_BALANCER },
        statistic: 'p95',
        period: '1m',
      }),
    ],
    { width: 8 },
  ),
  metricWidget(
    'Healthy targets',
    [
      awsMetric({
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        dimensions: { LoadBalancer: LOAD_BALANCER, TargetGroup: TARGET_GROUP },
        statistic: 'Minimum',
        period: '1m',
      }),
    ],
    { width: 8 },
  ),
  metricWidget(
    'Log ingestion (bytes per hour)',
    [
      awsMetric({
        namespace: 'AWS/Logs',
        metricName: 'IncomingBytes',
        dimensions: { LogGroupName: ecsLogs.name },
        statistic: 'Sum',
        period: '1h',
      }),
    ],
    { width: 12 },
  ),
  metricWidget(
    'Gateway requests by status (EMF)',
    [
      emfMetric(requests, {
        dimensions: { service_name: 'api-gateway' },
        statistic: 'Sum',
        period: '1m',
        label: 'all',
      }),
      emfMetric(requests, {
        dimensions: { service_name: 'api-gateway', status_code: '500' },
        statistic: 'Sum',
        period: '1m',
        label: '500',
      }),
    ],
    { width: 12 },
  ),
  logWidget('Error rate by service (logs)', errorRateByService, { view: 'timeSeries' }),
  logWidget('Recent errors', errorsWithTraceContext),
]);

export const aiTeamsCloudWatch = cloudwatch({
  region: 'us-east-1',
  logGroups: [ecsLogs],
  queries: [
    trackingIdCorrelation,
    errorsWithTraceContext,
    slowRequests,
    userActivity,
    logsOfTrackingId,
    errorRateByService,
    p95DurationByPath,
  ],
  alarms: [...taskRestarts, logIngestion, gatewayErrors],
  dashboards: [infrastructureDashboard],
});
