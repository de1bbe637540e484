// AWS CloudWatch: a log schema, Logs Insights queries, an alarm and a dashboard, emitted as
// CloudFormation and Terraform.
import {
  awsMetric,
  cloudwatch,
  cloudwatchAlarm,
  cloudwatchDashboard,
  cwl,
  insights,
  logGroup,
  logSchema,
  logsInsights,
  logsQuery,
  logWidget,
  metricWidget,
  oneOfValues,
} from 'obsgen';

const appLog = logSchema('shop-app', {
  level: oneOfValues('INFO', 'ERROR'),
  tracking_id: 'string',
  request: { path: 'string', duration: 'number' }, // nested objects are dot-paths: request.duration
});
const logs = logGroup('/ecs/shop-prod', { schema: appLog, streamPrefixes: ['api'] });

// Written with the typed builder: field names come from the schema.
const slow = logsQuery('Slow requests', {
  logGroups: [logs],
  query: insights(logs)
    .filter(cwl.gt('request.duration', 1))
    .stats({ p95: cwl.pct('request.duration', 95) }, ['request.path'])
    .sort('p95', 'desc')
    .build(),
});

// Written as text: parsed and checked against the schema; {{tracking_id}} becomes a parameter.
const oneRequest = logsQuery('One request', {
  logGroups: [logs],
  query: logsInsights`fields @timestamp, @message, level
    | filter tracking_id = {{tracking_id}}
    | sort @timestamp asc`,
});

// An AWS metric: namespace, metric name and dimensions as CloudWatch publishes them; statistic
// and period say how to aggregate it. The severity picks the SNS topic given at deploy time.
const cpu = awsMetric({
  namespace: 'AWS/ECS',
  metricName: 'CPUUtilization',
  dimensions: { ClusterName: 'shop-prod', ServiceName: 'api' },
  statistic: 'Average',
  period: '5m',
});

export const shopCloudWatch = cloudwatch({
  region: 'eu-west-1',
  logGroups: [logs],
  queries: [slow, oneRequest],
  alarms: [
    cloudwatchAlarm('ApiCpuHigh', {
      severity: 'warning',
      description: 'The API uses more than 80% of its CPU.',
      metric: cpu,
      comparison: '>',
      threshold: 80,
      for: '15m',
    }),
  ],
  dashboards: [
    cloudwatchDashboard('shop-infrastructure', [metricWidget('API CPU', [cpu]), logWidget('Slow requests', slow)]),
  ],
});
