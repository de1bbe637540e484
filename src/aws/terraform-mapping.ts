/** Terraform resource types for the CloudFormation types obsgen writes. */
export const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
  'AWS::Logs::QueryDefinition': 'aws_cloudwatch_query_definition',
  'AWS::CloudWatch::Alarm': 'aws_cloudwatch_metric_alarm',
  'AWS::CloudWatch::Dashboard': 'aws_cloudwatch_dashboard',
};

/**
 * CloudFormation property → Terraform argument, per resource and nested block. The AWS provider
 * names arguments in snake_case, turns Dimensions lists into maps, MetricStat.Metric into one
 * `metric` block, and Metrics into repeated `metric_query` blocks.
 */
export const TERRAFORM_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // '' marks a property the provider has no argument for: it is left out of the Terraform resource.
  'AWS::Logs::QueryDefinition': {
    Name: 'name',
    QueryString: 'query_string',
    LogGroupNames: 'log_group_names',
    QueryLanguage: '',
    Parameters: '',
  },
  'AWS::CloudWatch::Dashboard': { DashboardName: 'dashboard_name', DashboardBody: 'dashboard_body' },
  'AWS::CloudWatch::Alarm': {
    AlarmName: 'alarm_name',
    AlarmDescription: 'alarm_description',
    ActionsEnabled: 'actions_enabled',
    AlarmActions: 'alarm_actions',
    OKActions: 'ok_actions',
    InsufficientDataActions: 'insufficient_data_actions',
    ComparisonOperator: 'comparison_operator',
    Threshold: 'threshold',
    ThresholdMetricId: 'threshold_metric_id',
    EvaluationPeriods: 'evaluation_periods',
    DatapointsToAlarm: 'datapoints_to_alarm',
    TreatMissingData: 'treat_missing_data',
    EvaluateLowSampleCountPercentile: 'evaluate_low_sample_count_percentiles',
    Namespace: 'namespace',
    MetricName: 'metric_name',
    Dimensions: 'dimensions',
    Statistic: 'statistic',
    ExtendedStatistic: 'extended_statistic',
    Period: 'period',
    Unit: 'unit',
    Metrics: 'metric_query',
  },
  MetricDataQuery: {
    Id: 'id',
    Expression: 'expression',
    Label: 'label',
    ReturnData: 'return_data',
    Period: 'period',
    AccountId: 'account_id',
    MetricStat: 'metric',
  },
  MetricStat: { Period: 'period', Stat: 'stat', Unit: 'unit', Metric: '' },
  Metric: { Namespace: 'namespace', MetricName: 'metric_name', Dimensions: 'dimensions' },
};
