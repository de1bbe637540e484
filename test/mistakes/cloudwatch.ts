// CloudWatch alarm and Logs Insights mistakes: AWS's alarm and query documentation.
import {
  cloudwatchAlarm,
  cloudwatchDashboard,
  emfMetric,
  logsInsights,
  logsQuery,
  logWidget,
  type AlarmSpec,
} from 'obsgen';
import { appLogs, orders, ordersProject } from '../fixtures/cloudwatch/base.ts';
import type { Mistake } from './base.ts';

const ALARMS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html';
const PUT_ALARM = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html';
const QUERY_SYNTAX = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html';

/** The failed-orders alarm, with `change` planted. */
const alarm = (
  change: Partial<AlarmSpec> = {},
  period: number | string = 60,
  dimensions: Record<string, string> = { service: 'api', status: 'failed' },
) =>
  ordersProject({
    alarms: [
      cloudwatchAlarm('FailedOrders', {
        severity: 'warning',
        metric: emfMetric(orders.metrics.orders_total, { dimensions, statistic: 'Sum', period: period as never }),
        comparison: '>',
        threshold: 10,
        for: '5m',
        ...change,
      }),
    ],
  });

const query = (text: string, name = 'Server errors') =>
  ordersProject({
    queries: [
      logsQuery(name, { logGroups: [appLogs], query: logsInsights([text] as unknown as TemplateStringsArray) }),
    ],
  });

export const CLOUDWATCH_MISTAKES: readonly Mistake[] = [
  {
    id: 'cloudwatch/period',
    area: 'cloudwatch',
    mistake: 'An alarm period of 90 s: CloudWatch accepts 10, 20, 30 or a multiple of 60.',
    source: PUT_ALARM,
    caughtBy: 'cloudwatch/alarm-shape',
    bad: () => alarm({}, 90),
    good: () => alarm(),
  },
  {
    id: 'cloudwatch/evaluation-longer-than-a-day',
    area: 'cloudwatch',
    mistake:
      'An alarm whose evaluation periods look back more than a day (two days of one-minute periods): PutMetricAlarm rejects it.',
    source: ALARMS,
    caughtBy: 'cloudwatch/alarm-shape',
    bad: () => alarm({ for: '2d' }),
    good: () => alarm({ for: '2d' }, 3600),
  },
  {
    id: 'cloudwatch/dimension-set',
    area: 'cloudwatch',
    mistake: 'An alarm on a dimension set the metric is not published with: it stays INSUFFICIENT_DATA for ever.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension',
    caughtBy: 'cloudwatch/dimension-mismatch',
    bad: () => alarm({}, 60, { status: 'failed' }),
    good: () => alarm(),
  },
  {
    id: 'cloudwatch/duplicate-name',
    area: 'cloudwatch',
    mistake:
      'Two queries (or alarms) whose names give one CloudFormation logical id: the later silently replaces the earlier.',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html',
    caughtBy: 'cloudwatch/duplicate-name',
    bad: () =>
      ordersProject({
        queries: [
          logsQuery('Failed orders', {
            logGroups: [appLogs],
            query: logsInsights`fields @timestamp | filter level = "ERROR"`,
          }),
          logsQuery('failed-orders', {
            logGroups: [appLogs],
            query: logsInsights`fields @timestamp | filter level = "ERROR"`,
          }),
        ],
      }),
    good: () =>
      ordersProject({
        queries: [
          logsQuery('Failed orders', {
            logGroups: [appLogs],
            query: logsInsights`fields @timestamp | filter level = "ERROR"`,
          }),
        ],
      }),
  },
  {
    id: 'cloudwatch/unknown-field',
    area: 'cloudwatch',
    mistake:
      'A Logs Insights query on a field the logs do not have (http.status_code for http.status): it matches nothing.',
    source: QUERY_SYNTAX,
    caughtBy: 'cloudwatch/unknown-field',
    bad: () => query('fields @timestamp, order_id | filter http.status_code >= 500'),
    good: () => query('fields @timestamp, order_id | filter http.status >= 500'),
  },
  {
    id: 'cloudwatch/string-compared-as-number',
    area: 'cloudwatch',
    mistake: 'A numeric comparison on a string field: it compares text, and 9 > 10.',
    source: QUERY_SYNTAX,
    caughtBy: 'cloudwatch/field-type',
    bad: () => query('fields order_id | filter order_id > 100'),
    good: () => query('fields order_id | filter http.duration_ms > 100'),
  },
  {
    id: 'cloudwatch/syntax',
    area: 'cloudwatch',
    mistake: 'A query that does not parse (an unclosed string): the widget or alarm fails at run time.',
    source: QUERY_SYNTAX,
    caughtBy: 'cloudwatch/logs-syntax',
    bad: () => query('fields @timestamp | filter level = "ERROR'),
    good: () => query('fields @timestamp | filter level = "ERROR"'),
  },
  {
    id: 'cloudwatch/parse-aliases',
    area: 'cloudwatch',
    mistake: 'parse with a glob whose * count differs from the names after as.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Parse.html',
    caughtBy: 'cloudwatch/parse-aliases',
    bad: () => query('parse @message "user=* action=*" as user | fields user'),
    good: () => query('parse @message "user=* action=*" as user, action | fields user, action'),
  },
  {
    id: 'cloudwatch/widget-parameter',
    area: 'cloudwatch',
    mistake: 'A dashboard log widget running a query with a {{parameter}}: a dashboard cannot fill it in.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_Insights-Saving-Queries.html',
    caughtBy: 'cloudwatch/widget-parameter',
    bad: () => {
      const one = logsQuery('One order', {
        logGroups: [appLogs],
        query: logsInsights`fields @timestamp | filter order_id = {{order_id}}`,
      });
      return ordersProject({
        queries: [one],
        dashboards: [cloudwatchDashboard('orders', [logWidget('One order', one)])],
      });
    },
    good: () => {
      const errors = logsQuery('Errors', {
        logGroups: [appLogs],
        query: logsInsights`fields @timestamp | filter level = "ERROR"`,
      });
      return ordersProject({
        queries: [errors],
        dashboards: [cloudwatchDashboard('orders', [logWidget('Errors', errors)])],
      });
    },
  },
  {
    id: 'cloudwatch/missing-data',
    area: 'cloudwatch',
    mistake:
      'An alarm on a sparse count (failures are only published when they happen) left at TreatMissingData missing: it sits in INSUFFICIENT_DATA.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html',
    gap: 'Whether a metric is sparse depends on how it is published; `obsgen verify` (issue 26) could measure it.',
    bad: () => alarm(),
    good: () => alarm({ treatMissingData: 'notBreaching' }),
  },
  {
    id: 'cloudwatch/average-of-count',
    area: 'cloudwatch',
    mistake:
      'Statistic Average on a count (failed orders): it averages the published values, not the failures per period; use Sum.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Statistic',
    caughtBy: 'cloudwatch/statistic',
    bad: () =>
      ordersProject({
        alarms: [
          cloudwatchAlarm('FailedOrders', {
            severity: 'warning',
            metric: emfMetric(orders.metrics.orders_total, {
              dimensions: { service: 'api', status: 'failed' },
              statistic: 'Average',
              period: 60,
            }),
            comparison: '>',
            threshold: 10,
            for: '5m',
          }),
        ],
      }),
    good: () => alarm(),
  },
];
