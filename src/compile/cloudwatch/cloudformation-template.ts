import { logicalId } from '../../derive/artifact-names.ts';
import type { CloudWatchAlarm, CloudWatchDashboard, LogsQueryDefinition } from '../../model/cloudwatch.ts';
import type { AlertSeverity } from '../../model/rule.ts';
import type { System } from '../../model/system.ts';
import { placeholderNames } from '../../logsinsights/placeholder-names.ts';
import { parseOf, type LogsQueryParses } from '../../derive/logs-query-parses.ts';
import { alarmProperties, topicParameter } from './alarm-properties.ts';
import { dashboardBody } from './dashboard-body.ts';
import { queryText } from './query-text.ts';

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Parameters?: Record<string, { Type: 'String'; Description: string }>;
  readonly Resources: Record<string, CfnResource>;
}

function queryDefinitionName(system: System, query: LogsQueryDefinition): string {
  return `${query.folder ?? system.name}/${query.name}`;
}

function queryProperties(system: System, query: LogsQueryDefinition, parses: LogsQueryParses): Record<string, unknown> {
  const parsed = parseOf(parses, query.query);
  const parameters = parsed.ok ? placeholderNames(parsed.query) : [];
  return {
    Name: queryDefinitionName(system, query),
    QueryLanguage: 'CWLI',
    QueryString: queryText(query),
    LogGroupNames: query.logGroups.map((group) => group.name),
    ...(parameters.length === 0
      ? {}
      : { Parameters: parameters.map((name) => ({ Name: name, Description: `Value for {{${name}}}` })) }),
  };
}

function dashboardProperties(system: System, dashboard: CloudWatchDashboard, region: string): Record<string, unknown> {
  return { DashboardName: `${system.name}-${dashboard.name}`, DashboardBody: dashboardBody(dashboard, region) };
}

/** Every severity the system's alarms use, in a fixed order. */
export function alarmSeverities(alarms: readonly CloudWatchAlarm[]): AlertSeverity[] {
  return (['critical', 'warning', 'info'] as const).filter((severity) =>
    alarms.some((alarm) => alarm.severity === severity),
  );
}

/**
 * The system's CloudWatch resources as one CloudFormation template (JSON, which CloudFormation
 * reads as is); undefined when the system has no CloudWatch section.
 */
export function cloudformationTemplate(system: System, parses: LogsQueryParses): CfnTemplate | undefined {
  const cw = system.cloudwatch;
  if (cw === undefined) return undefined;
  const resources: Record<string, CfnResource> = {};
  for (const query of cw.queries)
    resources[logicalId('Query', query.name)] = {
      Type: 'AWS::Logs::QueryDefinition',
      Properties: queryProperties(system, query, parses),
    };
  for (const alarm of cw.alarms)
    resources[logicalId('Alarm', alarm.name)] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: alarmProperties(system, alarm),
    };
  for (const dashboard of cw.dashboards)
    resources[logicalId('Dashboard', dashboard.name)] = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: dashboardProperties(system, dashboard, cw.region),
    };
  const parameters = Object.fromEntries(
    alarmSeverities(cw.alarms).map((severity) => [
      topicParameter(severity),
      { Type: 'String' as const, Description: `ARN of the SNS topic ${severity} alarms notify` },
    ]),
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `obsgen: CloudWatch queries, alarms and dashboards of ${system.name} (${cw.region}). Generated; do not edit.`,
    // An empty Parameters section is left out rather than written as {}.
    ...(Object.keys(parameters).length === 0 ? {} : { Parameters: parameters }),
    Resources: resources,
  };
}
