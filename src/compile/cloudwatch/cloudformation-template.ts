import type { CloudWatchAlarm, CloudWatchDashboard, LogsQueryDefinition } from '../../model/cloudwatch.ts';
import type { AlertSeverity } from '../../model/rule.ts';
import type { System } from '../../model/system.ts';
import { parseSavedQuery, placeholderNames } from '../../logsinsights/saved-query.ts';
import { alarmProperties, topicParameter } from './alarm-properties.ts';
import { dashboardBody } from './dashboard-body.ts';
import { queryText } from './query-text.ts';

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Parameters?: Record<string, { Type: 'String'; Description: string }>;
  readonly Resources: Record<string, CfnResource>;
}

/** A CloudFormation logical id: alphanumeric, from the kind and the definition's name. */
export function logicalId(kind: string, name: string): string {
  return kind + name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
}

export function queryDefinitionName(system: System, query: LogsQueryDefinition): string {
  return `${query.folder ?? system.name}/${query.name}`;
}

export function queryProperties(system: System, query: LogsQueryDefinition): Record<string, unknown> {
  const parsed = parseSavedQuery(query.query);
  const parameters = parsed.ok ? placeholderNames(parsed.query) : [];
  return {
    Name: queryDefinitionName(system, query),
    QueryLanguage: 'CWLI',
    QueryString: queryText(query),
    LogGroupNames: query.logGroups.map((group) => group.name),
    ...(parameters.length === 0 ? {} : { Parameters: parameters.map((name) => ({ Name: name, Description: `Value for {{${name}}}` })) }),
  };
}

export function dashboardProperties(system: System, dashboard: CloudWatchDashboard, region: string): Record<string, unknown> {
  return { DashboardName: `${system.name}-${dashboard.name}`, DashboardBody: dashboardBody(dashboard, region) };
}

/** Every severity the system's alarms use, in a fixed order. */
export function alarmSeverities(alarms: readonly CloudWatchAlarm[]): AlertSeverity[] {
  return (['critical', 'warning', 'info'] as const).filter((severity) => alarms.some((alarm) => alarm.severity === severity));
}

const templates = new WeakMap<System, CfnTemplate | undefined>();

/**
 * The system's CloudWatch resources as one CloudFormation template (JSON, which CloudFormation
 * reads as is). Built once per system: the files, Terraform and the checks all read it.
 */
export function cloudformationTemplate(system: System): CfnTemplate | undefined {
  if (!templates.has(system)) templates.set(system, buildTemplate(system));
  return templates.get(system);
}

function buildTemplate(system: System): CfnTemplate | undefined {
  const cw = system.cloudwatch;
  if (cw === undefined) return undefined;
  const resources: Record<string, CfnResource> = {};
  for (const query of cw.queries) resources[logicalId('Query', query.name)] = { Type: 'AWS::Logs::QueryDefinition', Properties: queryProperties(system, query) };
  for (const alarm of cw.alarms) resources[logicalId('Alarm', alarm.name)] = { Type: 'AWS::CloudWatch::Alarm', Properties: alarmProperties(system, alarm) };
  for (const dashboard of cw.dashboards) resources[logicalId('Dashboard', dashboard.name)] = { Type: 'AWS::CloudWatch::Dashboard', Properties: dashboardProperties(system, dashboard, cw.region) };
  const parameters = Object.fromEntries(alarmSeverities(cw.alarms).map((severity) => [topicParameter(severity), { Type: 'String' as const, Description: `ARN of the SNS topic ${severity} alarms notify` }]));
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `obsgen: CloudWatch queries, alarms and dashboards of ${system.name} (${cw.region}). Generated; do not edit.`,
    // An empty Parameters section is left out rather than written as {}.
    ...(Object.keys(parameters).length === 0 ? {} : { Parameters: parameters }),
    Resources: resources,
  };
}
