// Penguiflow's logs in CloudWatch (seed 002, "Structured Logging" and "Cloud Monitoring"). The
// document describes the events and their metadata, not a JSON layout; the schema below is the
// runtime's structured log record: one event per node lifecycle step or flow step, with node,
// trace and performance fields (latency, queue depths) and error details on failures.
import {
  cloudwatch,
  cloudwatchDashboard,
  cwl,
  insights,
  logGroup,
  logSchema,
  logsInsights,
  logsQuery,
  logWidget,
  oneOfValues,
  textWidget,
} from 'obsgen';

export const penguiflowLog = logSchema('penguiflow', {
  level: oneOfValues('DEBUG', 'INFO', 'WARN', 'ERROR'),
  // Node events: start, success, error, retry, cancel; flow events: created, completed, error.
  event: oneOfValues(
    'node_start',
    'node_success',
    'node_error',
    'node_retry',
    'node_cancelled',
    'flow_created',
    'flow_completed',
    'flow_error',
    'system_startup',
    'system_shutdown',
    'config_changed',
    'security_event',
  ),
  node_name: 'string',
  node_id: 'string',
  flow: 'string',
  trace_id: 'string',
  attempt: 'number',
  latency_ms: 'number',
  q_depth_in: 'number',
  q_depth_out: 'number',
  budget: { hops_used: 'number', tokens_used: 'number', deadline_ms_left: 'number' },
  error: { type: 'string', message: 'string', stack: 'string' },
  security: { kind: oneOfValues('authn_failure', 'authz_denied', 'access_granted'), principal: 'string' },
});

export const penguiflowLogs = logGroup('/penguiflow/prod', {
  schema: penguiflowLog,
  streamPrefixes: ['runtime'],
  retentionDays: 30,
});

// Incident step one: everything one request did, across nodes, in order.
export const logsOfTrace = logsQuery('All logs of one trace', {
  folder: 'penguiflow/incident',
  logGroups: [penguiflowLogs],
  query: logsInsights`fields @timestamp, event, node_name, attempt, latency_ms, error.type, error.message
    | filter trace_id = {{trace_id}}
    | sort @timestamp asc
    | limit 1000`,
});

// Error rates by node, flow and error type ("Error Rates" of the metrics architecture).
export const errorsByNode = logsQuery('Error rate by node', {
  folder: 'penguiflow/incident',
  logGroups: [penguiflowLogs],
  query: logsInsights`filter event in ["node_success", "node_error"]
    | stats sum(strcontains(event, "error")) / count(*) * 100 as error_percent, count(*) as events by node_name, flow
    | sort error_percent desc`,
});

export const errorsByType = logsQuery('Errors by type', {
  folder: 'penguiflow/incident',
  logGroups: [penguiflowLogs],
  query: insights(penguiflowLogs)
    .filter(cwl.eq('event', 'node_error'))
    .stats({ errors: cwl.count() }, ['error.type', 'node_name'])
    .sort('errors', 'desc')
    .limit(50)
    .build(),
});

// Latency per node: p95 of node processing time, the log-side twin of the node histogram.
export const p95LatencyByNode = logsQuery('p95 latency by node', {
  folder: 'penguiflow/incident',
  logGroups: [penguiflowLogs],
  query: insights(penguiflowLogs)
    .filter(cwl.eq('event', 'node_success'))
    .stats({ p95_ms: cwl.pct('latency_ms', 95), p50_ms: cwl.pct('latency_ms', 50), runs: cwl.count() }, ['node_name'])
    .sort('p95_ms', 'desc')
    .build(),
});

export const retriesAndQueues = logsQuery('Retries and queue depth', {
  folder: 'penguiflow',
  logGroups: [penguiflowLogs],
  query: logsInsights`filter ispresent(node_name)
    | stats sum(strcontains(event, "retry")) as retries, max(q_depth_in) as max_queue_in, max(q_depth_out) as max_queue_out by node_name, bin(5m)`,
});

export const budgetExhaustion = logsQuery('Budget usage by flow', {
  folder: 'penguiflow',
  logGroups: [penguiflowLogs],
  query: logsInsights`filter ispresent(budget.hops_used)
    | stats max(budget.hops_used) as max_hops, max(budget.tokens_used) as max_tokens, min(budget.deadline_ms_left) as min_deadline_ms_left by flow
    | sort max_tokens desc`,
});

export const securityEvents = logsQuery('Security events', {
  folder: 'penguiflow',
  logGroups: [penguiflowLogs],
  query: logsInsights`filter event = "security_event"
    | stats count(*) as events by security.kind, security.principal
    | sort events desc
    | limit 100`,
});

export const penguiflowLogDashboard = cloudwatchDashboard('logs', [
  textWidget('Penguiflow runtime logs (/penguiflow/prod). Metrics are in Grafana: penguiflow/system-monitoring.'),
  logWidget('Error rate by node', errorsByNode),
  logWidget('p95 latency by node (ms)', p95LatencyByNode, { view: 'bar' }),
  logWidget('Retries and queue depth', retriesAndQueues, { view: 'timeSeries' }),
  logWidget('Errors by type', errorsByType),
]);

export const penguiflowCloudWatch = cloudwatch({
  region: 'us-east-1',
  logGroups: [penguiflowLogs],
  queries: [
    logsOfTrace,
    errorsByNode,
    errorsByType,
    p95LatencyByNode,
    retriesAndQueues,
    budgetExhaustion,
    securityEvents,
  ],
  dashboards: [penguiflowLogDashboard],
});
